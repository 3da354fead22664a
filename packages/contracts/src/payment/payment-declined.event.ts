import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { defineUpcaster } from "../message/upcaster";
import { OrderId, PaymentId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

const TYPE = "peakshop.payment.payment-declined";
const TOPIC = "payment.payment.events.v1";

/**
 * v1, superseded by v2: kept so messages still on the topic (and fixtures) parse.
 * Kafka key: `orderId`.
 */
export const PaymentDeclinedV1 = defineMessage({
  kind: "event",
  type: TYPE,
  version: 1,
  topic: TOPIC,
  producer: "payment",
  keyField: "orderId",
  description: "The bank finally refused the charge; retrying will not help. Superseded by v2.",
  schema: z.strictObject({
    /** The payment (UUID). */
    paymentId: PaymentId,
    /** The order whose payment was declined (UUID). */
    orderId: OrderId,
    /** The bank's decline text, free form. */
    reason: z.string().min(1).max(500),
    /** When the bank declined (RFC 3339, UTC). */
    declinedAt: Timestamp,
  }),
});

/**
 * v2 adds a machine-readable `reasonCode`, so consumers stop parsing the bank's text.
 * Kafka key: `orderId`.
 */
export const PaymentDeclinedV2 = defineMessage({
  kind: "event",
  type: TYPE,
  version: 2,
  topic: TOPIC,
  producer: "payment",
  keyField: "orderId",
  description: "The bank finally refused the charge; retrying will not help. The order is cancelled.",
  schema: z.strictObject({
    /** The payment (UUID). */
    paymentId: PaymentId,
    /** The order whose payment was declined (UUID). */
    orderId: OrderId,
    /** Category of the decline; `unknown` when the bank's answer maps to no other (and for upcast v1). */
    reasonCode: z.enum(["insufficient-funds", "card-declined", "fraud-suspected", "unknown"]),
    /** Human-readable decline text, safe to show the customer. */
    reason: z.string().min(1).max(500),
    /** When the bank declined (RFC 3339, UTC). */
    declinedAt: Timestamp,
  }),
});

/** v1 said nothing machine-readable, so the honest code is `unknown`; the text is kept. */
export const paymentDeclinedV1ToV2 = defineUpcaster(PaymentDeclinedV1, PaymentDeclinedV2, (v1) => ({
  ...v1,
  reasonCode: "unknown",
}));

export type PaymentDeclined = z.output<typeof PaymentDeclinedV2.schema>;
