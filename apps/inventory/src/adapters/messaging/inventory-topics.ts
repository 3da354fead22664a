import { ReserveStockV1, StockReservedV1 } from "@peakshop/contracts";
import { deadLetterTopicOf } from "@peakshop/eventsourcing";
import { KafkajsAdapter, type TopicSpec } from "@peakshop/platform-nest";
import type { InventoryConfig } from "../../config";

export const INVENTORY_CONSUMER = "inventory";

/** The commands it consumes, the events it publishes, its dead letters. */
export const INVENTORY_TOPICS: TopicSpec[] = [
  { topic: ReserveStockV1.topic, partitions: 3 },
  { topic: StockReservedV1.topic, partitions: 3 },
  { topic: deadLetterTopicOf(INVENTORY_CONSUMER), partitions: 3 },
];

/**
 * Creates the topics before the service starts (local runs and tests). Not in
 * an onApplicationBootstrap hook: in a hybrid Nest app the Kafka consumer
 * subscribes before those hooks run, and subscribing to a missing topic fails.
 */
export async function ensureInventoryTopics(config: InventoryConfig): Promise<void> {
  if (!config.KAFKA_ENSURE_TOPICS) return;
  const kafka = new KafkajsAdapter({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME,
    service: config.SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
  });
  try {
    await kafka.ensureTopics(INVENTORY_TOPICS);
  } finally {
    await kafka.close();
  }
}
