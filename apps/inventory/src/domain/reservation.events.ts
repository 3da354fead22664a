import type { ReleaseReason, ShortLine, StockLine } from "./stock-line";

/** Why a commit sold nothing: the hold was given back first, or there never was one. */
export type CommitRefusal = "hold-released" | "nothing-held";

/**
 * What happened to a reservation. Private to inventory; the integration events
 * of the same names in @peakshop/contracts are built from these.
 */
export type ReservationEvent =
  | {
      readonly type: "StockReserved";
      readonly orderId: string;
      readonly lines: readonly StockLine[];
      readonly holdUntil: Date;
      readonly reservedAt: Date;
    }
  | {
      readonly type: "StockRejected";
      readonly orderId: string;
      readonly unavailable: readonly ShortLine[];
      readonly rejectedAt: Date;
    }
  | {
      readonly type: "StockReleased";
      readonly orderId: string;
      readonly lines: readonly StockLine[];
      readonly reason: ReleaseReason;
      readonly releasedAt: Date;
    }
  | {
      readonly type: "StockCommitted";
      readonly orderId: string;
      readonly lines: readonly StockLine[];
      readonly committedAt: Date;
    }
  | {
      readonly type: "StockCommitRefused";
      readonly orderId: string;
      readonly reason: CommitRefusal;
      /** The lines that could not be taken again; empty for `nothing-held`. */
      readonly unavailable: readonly ShortLine[];
      readonly refusedAt: Date;
    };
