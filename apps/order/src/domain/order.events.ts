import type { CancellationReason, OrderLine, UnavailableLine } from "./order.types";

/** Facts of one order's stream; the saga's memory. Integration messages are mapped from them. */
export type OrderEvent =
  | {
      type: "OrderPlaced";
      orderId: string;
      customerId: string;
      items: OrderLine[];
      totalCents: number;
      currency: string;
      paymentToken: string;
      paymentId: string;
      /** Payment must be captured before this instant, or the order is cancelled. */
      deadline: string;
      /** Until when inventory holds the items: past the deadline, so a last-moment capture can still commit. */
      holdUntil: string;
      correlationId: string;
      at: string;
    }
  | { type: "StockReserved"; at: string }
  | { type: "PaymentRequested"; paymentId: string; at: string }
  | { type: "PaymentDelayed"; attempt: number; nextAttemptAt: string; lastError: string; at: string }
  /** The money is taken; the order is confirmed once inventory has sold it the items. */
  | { type: "PaymentCaptured"; chargeId: string; amountCents: number; at: string }
  | { type: "OrderConfirmed"; chargeId: string; at: string }
  | { type: "OrderRejected"; unavailable: UnavailableLine[]; at: string }
  | { type: "OrderCancelled"; reason: CancellationReason; detail?: string; at: string }
  | { type: "LateCaptureRefundRequested"; paymentId: string; amountCents: number; at: string }
  | { type: "PaymentRefunded"; refundId: string; amountCents: number; at: string };
