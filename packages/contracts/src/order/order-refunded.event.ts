import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Money captured for a cancelled order was given back. Kafka key: `orderId`. */
export const OrderRefundedV1 = defineMessage({
  kind: "event",
  type: "peakshop.order.order-refunded",
  version: 1,
  topic: "order.order.events.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "A charge that went through after the order was cancelled was refunded; the order stays cancelled. Follows OrderCancelled on the same key, so consumers see them in order.",
  schema: z.strictObject({
    /** The order (UUID). */
    orderId: OrderId,
    /** The customer who placed the order (opaque id). */
    customerId: CustomerId,
    /** The amount given back, in integer minor units of `currency`. */
    amountCents: AmountCents,
    /** ISO 4217 code of `amountCents`. */
    currency: Currency,
    /** When the bank confirmed the refund (RFC 3339, UTC). */
    refundedAt: Timestamp,
  }),
});

export type OrderRefunded = z.output<typeof OrderRefundedV1.schema>;
