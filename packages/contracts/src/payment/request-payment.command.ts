import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId, PaymentId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The order saga asks payment to charge an order. Kafka key: `orderId`. */
export const RequestPaymentV1 = defineMessage({
  kind: "command",
  type: "peakshop.payment.request-payment",
  version: 1,
  topic: "payment.payment.commands.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "Charge the order's total. Payment retries transient failures until deadline; answered by PaymentCaptured, PaymentDeclined or PaymentAbandoned.",
  schema: z.strictObject({
    /** The payment (UUID), chosen by the saga; the bank's idempotency key, so a retry never charges twice (I2). */
    paymentId: PaymentId,
    /** The order being paid for (UUID). */
    orderId: OrderId,
    /** The paying customer (opaque id). */
    customerId: CustomerId,
    /** The amount to charge in integer minor units of `currency`; the order's total. */
    amountCents: AmountCents,
    /** ISO 4217 code of `amountCents`. */
    currency: Currency,
    /** The opaque single-use token from CheckoutRequested; never card data. */
    paymentToken: z.string().min(1).max(512),
    /** No attempt starts after this instant; the payment is abandoned instead (RFC 3339, UTC). */
    deadline: Timestamp,
  }),
});

export type RequestPayment = z.output<typeof RequestPaymentV1.schema>;
