import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId } from "../shared/identifiers.schema";
import { linesOf, StockLine } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The order saga asks inventory to hold stock for an order. Kafka key: `orderId`. */
export const ReserveStockV1 = defineMessage({
  kind: "command",
  type: "peakshop.inventory.reserve-stock",
  version: 1,
  topic: "inventory.stock.commands.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "Hold these quantities for the order until holdUntil; answered by StockReserved or StockRejected. All or nothing.",
  schema: z.strictObject({
    /** The order the stock is held for (UUID); reserving twice for one order is a no-op (I5). */
    orderId: OrderId,
    /** What to hold, one line per SKU. */
    items: linesOf(StockLine),
    /** The hold expires by itself at this instant unless committed (RFC 3339, UTC). */
    holdUntil: Timestamp,
  }),
});

export type ReserveStock = z.output<typeof ReserveStockV1.schema>;
