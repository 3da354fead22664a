import type { CancellationReason, ShortLine, StockLine } from "./stock-line";

/** Commands on one order's reservation; their time (`at`, as every command's) arrives in them, never from a clock. */
export type ReservationCommand =
  | {
      readonly type: "ReserveStock";
      readonly orderId: string;
      readonly lines: readonly StockLine[];
      readonly holdUntil: Date;
      /**
       * The lines the buckets could not cover when the stock was taken, with what
       * was left: the one fact about stock the decision needs. Empty when every
       * line was taken.
       */
      readonly shortages: readonly ShortLine[];
      readonly at: Date;
    }
  | {
      readonly type: "ReleaseStock";
      readonly orderId: string;
      readonly reason: CancellationReason;
      readonly at: Date;
    }
  | {
      readonly type: "CommitStock";
      readonly orderId: string;
      /**
       * For a hold already given back: the lines the buckets could not cover
       * when its items were taken again, or undefined when nobody tried. Empty
       * means every line was taken again.
       */
      readonly retakeShortages?: readonly ShortLine[];
      readonly at: Date;
    }
  | { readonly type: "ExpireHold"; readonly orderId: string; readonly at: Date };
