import type { ReleaseReason, ShortLine, StockLine } from "./stock-line";

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
    };
