import type { FactoryProvider } from "@nestjs/common";
import { SERVICE_CONFIG, type ServiceConfig } from "../config/service-config";
import { KafkaPort, type TopicSpec } from "./kafka.port";

/**
 * What a service reads and writes on Kafka, declared once per service: topic
 * creation at start and its `topics` CLI (and so the chart's hook Job) read it,
 * and `node scripts/chart-topics.mjs` writes it into the Helm chart's topic
 * catalog (infra/helm/peakshop/catalog/topics.json; a deploy test keeps it current).
 */
export interface ServiceTopics {
  /** Topics its consumers subscribe to. */
  consumes: readonly string[];
  /** Topics it writes: its outbox's messages and its dead letters. */
  publishes: readonly string[];
}

/** Partitions of a topic a service creates itself (the `topics ensure` CLI and the chart can set others). */
const DEFAULT_PARTITIONS = 3;

/** Every topic of the declaration once, as topics to create. */
export function topicSpecsOf(topics: ServiceTopics): TopicSpec[] {
  return [...new Set([...topics.consumes, ...topics.publishes])].map((topic) => ({
    topic,
    partitions: DEFAULT_PARTITIONS,
  }));
}

const TOPICS_ENSURED = Symbol("TOPICS_ENSURED");

/**
 * Creates the service's topics while the app initialises, when
 * KAFKA_ENSURE_TOPICS is on (local runs and tests; in a cluster a hook Job runs
 * `topics ensure`). An async provider, so it completes before the Kafka
 * consumer subscribes: a consumer never subscribes to a topic its own service
 * was about to create.
 */
export function ensureTopicsAtStart(topics: ServiceTopics): FactoryProvider<boolean> {
  return {
    provide: TOPICS_ENSURED,
    inject: [KafkaPort, SERVICE_CONFIG],
    useFactory: async (kafka: KafkaPort, config: Pick<ServiceConfig, "KAFKA_ENSURE_TOPICS">) => {
      if (config.KAFKA_ENSURE_TOPICS) await kafka.ensureTopics(topicSpecsOf(topics));
      return config.KAFKA_ENSURE_TOPICS;
    },
  };
}
