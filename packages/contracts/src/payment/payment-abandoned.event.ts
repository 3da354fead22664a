import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId, PaymentId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Payment stopped trying without a capture or a decline. Kafka key: `orderId`. */
export const PaymentAbandonedV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.payment-abandoned",
  version: 1,
  topic: "payment.payment.events.v1",
  producer: "payment",
  keyField: "orderId",
  description:
    "Payment gave up: the deadline passed or the payment was cancelled. No money was captured; a late capture is refunded.",
  schema: z.strictObject({
    /** The payment (UUID). */
    paymentId: PaymentId,
    /** The order being paid for (UUID). */
    orderId: OrderId,
    /** Why: `deadline-passed` (retries ran out of time) or `cancelled` (the order was cancelled first). */
    reason: z.enum(["deadline-passed", "cancelled"]),
    /** When payment gave up (RFC 3339, UTC). */
    abandonedAt: Timestamp,
  }),
});

export type PaymentAbandoned = z.output<typeof PaymentAbandonedV1.schema>;
