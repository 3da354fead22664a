import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId } from "../shared/identifiers.schema";

/** The order saga turns a paid order's hold into a sale. Kafka key: `orderId`. */
export const CommitStockV1 = defineMessage({
  kind: "command",
  type: "peakshop.inventory.commit-stock",
  version: 1,
  topic: "inventory.stock.commands.v1",
  producer: "order",
  keyField: "orderId",
  description: "Turn the order's hold into sold stock; answered by StockCommitted. Idempotent.",
  schema: z.strictObject({
    /** The paid order whose hold becomes a sale (UUID). */
    orderId: OrderId,
  }),
});

export type CommitStock = z.output<typeof CommitStockV1.schema>;
