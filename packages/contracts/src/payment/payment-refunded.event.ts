import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId, PaymentId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The bank gave money back. Kafka key: `orderId`. */
export const PaymentRefundedV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.payment-refunded",
  version: 1,
  topic: "payment.payment.events.v1",
  producer: "payment",
  keyField: "orderId",
  description:
    "The bank refunded (part of) a captured payment; captured minus refunded is what the customer paid (I2).",
  schema: z.strictObject({
    /** The refunded payment (UUID). */
    paymentId: PaymentId,
    /** The order the payment belongs to (UUID). */
    orderId: OrderId,
    /** The bank's id of the refund (opaque), for reconciliation with the bank's ledger. */
    refundId: z.string().min(1).max(128),
    /** The amount refunded in integer minor units of `currency`. */
    amountCents: AmountCents,
    /** ISO 4217 code of `amountCents`. */
    currency: Currency,
    /** When the bank confirmed the refund (RFC 3339, UTC). */
    refundedAt: Timestamp,
  }),
});

export type PaymentRefunded = z.output<typeof PaymentRefundedV1.schema>;
