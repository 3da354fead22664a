import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderCancellationReason } from "../order/order-cancellation-reason.schema";
import { OrderId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Stock held for an order is on sale again. Kafka key: `orderId`. */
export const StockReleasedV1 = defineMessage({
  kind: "event",
  type: "peakshop.inventory.stock-released",
  version: 1,
  topic: "inventory.stock.events.v1",
  producer: "inventory",
  keyField: "orderId",
  description: "The order's hold was released, on request (ReleaseStock) or because it expired.",
  schema: z.strictObject({
    /** The order whose hold was released (UUID). */
    orderId: OrderId,
    /** The reason from ReleaseStock, or `hold-expired` when holdUntil passed without a commit. */
    reason: z.enum([...OrderCancellationReason.options, "hold-expired"]),
    /** When the stock went back on sale (RFC 3339, UTC). */
    releasedAt: Timestamp,
  }),
});

export type StockReleased = z.output<typeof StockReleasedV1.schema>;
