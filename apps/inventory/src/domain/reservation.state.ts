import type { ReleaseReason, ShortLine, StockLine } from "./stock-line";

/**
 * The life of one order's reservation. Every order has at most one: the first
 * ReserveStock decides between `held` and `rejected`, and that outcome stands.
 *
 *   none ──reserve──> held ──commit──> committed      (sold; never comes back)
 *     │                 └──release/expire──> released (back on sale)
 *     └──reserve (short)──> rejected                  (nothing was held)
 */
export type Reservation =
  | { readonly status: "none" }
  | {
      readonly status: "held";
      readonly lines: readonly StockLine[];
      /** The hold runs out at this instant unless committed first. */
      readonly holdUntil: Date;
    }
  | { readonly status: "rejected"; readonly unavailable: readonly ShortLine[] }
  | { readonly status: "committed"; readonly lines: readonly StockLine[] }
  | { readonly status: "released"; readonly lines: readonly StockLine[]; readonly reason: ReleaseReason };

export type ReservationStatus = Reservation["status"];

export const noReservation: Reservation = { status: "none" };
