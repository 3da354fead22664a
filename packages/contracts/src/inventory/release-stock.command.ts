import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderCancellationReason } from "../order/order-cancellation-reason.schema";
import { OrderId } from "../shared/identifiers.schema";

/** The order saga gives back stock held for a cancelled order. Kafka key: `orderId`. */
export const ReleaseStockV1 = defineMessage({
  kind: "command",
  type: "peakshop.inventory.release-stock",
  version: 1,
  topic: "inventory.stock.commands.v1",
  producer: "order",
  keyField: "orderId",
  description: "Release everything held for the order; answered by StockReleased. Idempotent.",
  schema: z.strictObject({
    /** The order whose hold is released (UUID). */
    orderId: OrderId,
    /** Why the order was cancelled; kept for audit and stock analytics. */
    reason: OrderCancellationReason,
  }),
});

export type ReleaseStock = z.output<typeof ReleaseStockV1.schema>;
