import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId } from "../shared/identifiers.schema";
import { linesOf, UnavailableLine } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Inventory could not hold every line, so it held none. Kafka key: `orderId`. */
export const StockRejectedV1 = defineMessage({
  kind: "event",
  type: "peakshop.inventory.stock-rejected",
  version: 1,
  topic: "inventory.stock.events.v1",
  producer: "inventory",
  keyField: "orderId",
  description: "Some lines were short, so nothing was held (reservations are all or nothing).",
  schema: z.strictObject({
    /** The order that asked (UUID). */
    orderId: OrderId,
    /** The lines that were short, with requested and available quantities. */
    unavailable: linesOf(UnavailableLine),
    /** When the reservation was refused (RFC 3339, UTC). */
    rejectedAt: Timestamp,
  }),
});

export type StockRejected = z.output<typeof StockRejectedV1.schema>;
