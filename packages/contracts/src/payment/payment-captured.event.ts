import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId, PaymentId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The bank took the money. Kafka key: `orderId`. */
export const PaymentCapturedV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.payment-captured",
  version: 1,
  topic: "payment.payment.events.v1",
  producer: "payment",
  keyField: "orderId",
  description:
    "The bank captured the charge; the order saga commits stock (or refunds, if the order is already cancelled).",
  schema: z.strictObject({
    /** The payment (UUID). */
    paymentId: PaymentId,
    /** The order paid for (UUID). */
    orderId: OrderId,
    /** The bank's id of the charge (opaque), for reconciliation with the bank's ledger. */
    chargeId: z.string().min(1).max(128),
    /** The amount captured in integer minor units of `currency`. */
    amountCents: AmountCents,
    /** ISO 4217 code of `amountCents`. */
    currency: Currency,
    /** How many charge attempts it took, >= 1 (1 = first try). */
    attempts: z.number().int().min(1),
    /** When the bank confirmed the capture (RFC 3339, UTC). */
    capturedAt: Timestamp,
  }),
});

export type PaymentCaptured = z.output<typeof PaymentCapturedV1.schema>;
