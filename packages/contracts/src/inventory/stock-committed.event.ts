import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The order's held stock is sold. Kafka key: `orderId`. */
export const StockCommittedV1 = defineMessage({
  kind: "event",
  type: "peakshop.inventory.stock-committed",
  version: 1,
  topic: "inventory.stock.events.v1",
  producer: "inventory",
  keyField: "orderId",
  description: "The order's hold became sold stock; it counts towards the no-oversell invariant (I3).",
  schema: z.strictObject({
    /** The order whose stock is sold (UUID). */
    orderId: OrderId,
    /** When the hold became a sale (RFC 3339, UTC). */
    committedAt: Timestamp,
  }),
});

export type StockCommitted = z.output<typeof StockCommittedV1.schema>;
