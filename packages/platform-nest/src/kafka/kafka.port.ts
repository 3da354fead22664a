/** One record to publish; the key decides the partition, so one aggregate's records stay in order. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

/** A consumed Kafka record, independent of the client library. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
  replicationFactor?: number;
  configs?: Record<string, string>;
}

/**
 * The Kafka port: every service publishes and administers topics through this,
 * so the client library behind it can be swapped without touching services.
 */
export abstract class KafkaPort {
  /** Resolves once the broker acknowledged every record with acks=all. */
  abstract publish(records: OutgoingRecord[]): Promise<void>;
  /** Creates missing topics; existing ones are left as they are. */
  abstract ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Each topic's partition count, or undefined for a topic that does not exist. */
  abstract describeTopics(topics: string[]): Promise<{ topic: string; partitions?: number }[]>;
  /** How long publishes have been failing in a row (0 while they succeed); readiness reports it. */
  abstract publishFailingForMs(): number;
  /** Throws unless the cluster answers a metadata request. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
