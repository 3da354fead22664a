import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";
import { OrderCancellationReason } from "./order-cancellation-reason.schema";

/** The order is final and will not ship; stock is released. Kafka key: `orderId`. */
export const OrderCancelledV1 = defineMessage({
  kind: "event",
  type: "peakshop.order.order-cancelled",
  version: 1,
  topic: "order.order.events.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "The order is final and will not ship: payment was declined, its deadline passed, the customer cancelled, or the items' hold ran out before a late payment could buy them (refunded).",
  schema: z.strictObject({
    /** The order (UUID). */
    orderId: OrderId,
    /** The customer who placed the order (opaque id). */
    customerId: CustomerId,
    /** Why: `payment-declined`, `payment-deadline-passed`, `cancelled-by-customer`, or `stock-hold-expired` (paid, but the items were gone; the payment is refunded). */
    reason: OrderCancellationReason,
    /** Optional human-readable detail for the customer, e.g. the bank's decline text. */
    detail: z.string().min(1).max(500).optional(),
    /** When the order became cancelled (RFC 3339, UTC). */
    cancelledAt: Timestamp,
  }),
});

export type OrderCancelled = z.output<typeof OrderCancelledV1.schema>;
