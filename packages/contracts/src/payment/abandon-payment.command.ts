import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId, PaymentId } from "../shared/identifiers.schema";

/** The order saga tells payment to stop trying: the order was cancelled. Kafka key: `orderId`. */
export const AbandonPaymentV1 = defineMessage({
  kind: "command",
  type: "peakshop.payment.abandon-payment",
  version: 1,
  topic: "payment.payment.commands.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "Stop charging for an order that was cancelled (by the customer, or at its payment deadline); answered by PaymentAbandoned, or nothing when the payment had already ended. A capture that happened anyway is refunded.",
  schema: z.strictObject({
    /** The payment to stop (UUID); abandoning it twice, or after it ended, is a no-op. */
    paymentId: PaymentId,
    /** The order the payment belongs to (UUID). */
    orderId: OrderId,
    /** Why the order was cancelled. */
    reason: z.enum(["cancelled-by-customer", "payment-deadline-passed"]),
  }),
});

export type AbandonPayment = z.output<typeof AbandonPaymentV1.schema>;
