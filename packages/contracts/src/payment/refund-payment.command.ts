import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId, PaymentId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";

/** The order saga asks payment to give money back. Kafka key: `orderId`. */
export const RefundPaymentV1 = defineMessage({
  kind: "command",
  type: "peakshop.payment.refund-payment",
  version: 1,
  topic: "payment.payment.commands.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "Refund a captured payment, e.g. a capture that arrived after its order was cancelled; answered by PaymentRefunded.",
  schema: z.strictObject({
    /** The captured payment to refund (UUID); refunding it twice is a no-op (I2, I5). */
    paymentId: PaymentId,
    /** The order the payment belongs to (UUID). */
    orderId: OrderId,
    /** The amount to refund in integer minor units of `currency`; at most the captured amount. */
    amountCents: AmountCents,
    /** ISO 4217 code of `amountCents`; the currency of the capture. */
    currency: Currency,
    /**
     * Why: `captured-after-cancellation` (the charge went through after the order was cancelled) or
     * `stock-hold-expired` (paid in time, but the items were gone when inventory came to sell them);
     * an enum so new reasons are a schema change.
     */
    reason: z.enum(["captured-after-cancellation", "stock-hold-expired"]),
  }),
});

export type RefundPayment = z.output<typeof RefundPaymentV1.schema>;
