import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { OrderId } from "../shared/identifiers.schema";
import { MAX_LINES, UnavailableLine } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** Inventory could not sell the order its items. Kafka key: `orderId`. */
export const StockCommitRefusedV1 = defineMessage({
  kind: "event",
  type: "peakshop.inventory.stock-commit-refused",
  version: 1,
  topic: "inventory.stock.events.v1",
  producer: "inventory",
  keyField: "orderId",
  description:
    "CommitStock found no live hold (it expired or was released before the commit arrived) and the items could not be taken again, so nothing was sold: the order must not be confirmed, and its payment is refunded.",
  schema: z.strictObject({
    /** The order whose commit was refused (UUID). */
    orderId: OrderId,
    /** `hold-released`: the hold ran out or was released first; `nothing-held`: no hold was ever taken. */
    reason: z.enum(["hold-released", "nothing-held"]),
    /** The lines that could not be taken again, with what was left; empty for `nothing-held`. */
    unavailable: z.array(UnavailableLine).max(MAX_LINES),
    /** When the commit was refused (RFC 3339, UTC). */
    refusedAt: Timestamp,
  }),
});

export type StockCommitRefused = z.output<typeof StockCommitRefusedV1.schema>;
