import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Payment was captured and stock committed: the order is final and will ship. Kafka key: `orderId`. */
export const OrderConfirmedV1 = defineMessage({
  kind: "event",
  type: "peakshop.order.order-confirmed",
  version: 1,
  topic: "order.order.events.v1",
  producer: "order",
  keyField: "orderId",
  description: "The order is final: payment captured and stock committed.",
  schema: z.strictObject({
    /** The order (UUID). */
    orderId: OrderId,
    /** The customer who placed the order (opaque id), so notification needs no lookup. */
    customerId: CustomerId,
    /** When the order became confirmed (RFC 3339, UTC). */
    confirmedAt: Timestamp,
  }),
});

export type OrderConfirmed = z.output<typeof OrderConfirmedV1.schema>;
