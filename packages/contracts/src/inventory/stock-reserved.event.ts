import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId } from "../shared/identifiers.schema";
import { linesOf, StockLine } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Inventory holds every requested line for the order. Kafka key: `orderId`. */
export const StockReservedV1 = defineMessage({
  kind: "event",
  type: "peakshop.inventory.stock-reserved",
  version: 1,
  topic: "inventory.stock.events.v1",
  producer: "inventory",
  keyField: "orderId",
  description: "Every line of the order is held until holdUntil.",
  schema: z.strictObject({
    /** The order the stock is held for (UUID). */
    orderId: OrderId,
    /** What is held, one line per SKU; always the full request. */
    items: linesOf(StockLine),
    /** The hold expires by itself at this instant unless committed (RFC 3339, UTC). */
    holdUntil: Timestamp,
    /** When the hold was taken (RFC 3339, UTC). */
    reservedAt: Timestamp,
  }),
});

export type StockReserved = z.output<typeof StockReservedV1.schema>;
