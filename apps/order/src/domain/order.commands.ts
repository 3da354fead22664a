import type { OrderEvent } from "./order.events";
import type { UnavailableLine } from "./order.types";

type Placed = Extract<OrderEvent, { type: "OrderPlaced" }>;

/** What the saga is told: the checkout, other services' outcomes, the clock, the customer. */
export type OrderCommand =
  | ({ type: "PlaceOrder" } & Omit<Placed, "type">)
  | { type: "RecordStockReserved"; at: string }
  | { type: "RecordStockRejected"; unavailable: UnavailableLine[]; at: string }
  | { type: "RecordPaymentDelayed"; attempt: number; nextAttemptAt: string; lastError: string; at: string }
  | { type: "RecordPaymentCaptured"; chargeId: string; amountCents: number; at: string }
  | { type: "RecordPaymentDeclined"; reason: string; at: string }
  | { type: "RecordPaymentAbandoned"; at: string }
  | { type: "RecordPaymentRefunded"; refundId: string; amountCents: number; at: string }
  | { type: "RecordStockCommitted"; at: string }
  | { type: "RecordStockCommitRefused"; at: string }
  | { type: "PassDeadline"; at: string }
  | { type: "CancelByCustomer"; at: string };
