import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { linesOf, UnavailableLine } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The order could not be fulfilled before any payment was taken. Kafka key: `orderId`. */
export const OrderRejectedV1 = defineMessage({
  kind: "event",
  type: "peakshop.order.order-rejected",
  version: 1,
  topic: "order.order.events.v1",
  producer: "order",
  keyField: "orderId",
  description: "The order is final and was never charged: some items were sold out.",
  schema: z.strictObject({
    /** The order (UUID). */
    orderId: OrderId,
    /** The customer who placed the order (opaque id). */
    customerId: CustomerId,
    /** Why: only `sold-out` today; an enum so the next reason is a schema change, not a surprise. */
    reason: z.enum(["sold-out"]),
    /** The lines that were short, with requested and available quantities. */
    unavailable: linesOf(UnavailableLine),
    /** When the order became rejected (RFC 3339, UTC). */
    rejectedAt: Timestamp,
  }),
});

export type OrderRejected = z.output<typeof OrderRejectedV1.schema>;
