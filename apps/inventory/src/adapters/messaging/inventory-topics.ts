import { ReserveStockV1, StockReservedV1 } from "@peakshop/contracts";
import { deadLetterTopicOf } from "@peakshop/eventsourcing";
import type { ServiceTopics } from "@peakshop/platform-nest";

export const INVENTORY_CONSUMER = "inventory";

/** What inventory consumes (stock commands) and writes (stock outcomes, dead letters). */
export const INVENTORY_TOPICS: ServiceTopics = {
  consumes: [ReserveStockV1.topic],
  publishes: [StockReservedV1.topic, deadLetterTopicOf(INVENTORY_CONSUMER)],
};
