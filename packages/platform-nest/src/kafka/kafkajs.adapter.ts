import { Logger } from "@nestjs/common";
import { Kafka, Partitioners, type Admin, type Producer } from "kafkajs";
import { kafkajsLogCreator, KAFKAJS_LOG_LEVEL } from "./kafkajs-log";
import { kafkaConnection } from "./kafka-connection";
import { KafkaPort, type OutgoingRecord, type TopicSpec } from "./kafka.port";
import { PublishHealth } from "./publish-health";
import { publishTraced } from "../tracing/kafka-spans";
import { topicsPresent } from "./topics-present";

export interface KafkaClientSettings {
  brokers: string[];
  clientId: string;
  service: string;
  logLevel: string;
}

/** The kafkajs implementation of the Kafka port. */
export class KafkajsAdapter extends KafkaPort {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly publishHealth = new PublishHealth();
  private readonly logger = new Logger("KafkaProducer");

  constructor(settings: KafkaClientSettings) {
    super();
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      ...kafkaConnection(),
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: kafkajsLogCreator(settings.service, settings.logLevel),
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
  }

  async publish(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await publishTraced(records, (traced) => this.send(traced));
  }

  private async send(records: OutgoingRecord[]): Promise<void> {
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const record of records) {
      byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    }
    const cameBack = this.publishHealth.started();
    try {
      const producer = await this.connectedProducer();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, topicRecords]) => ({
          topic,
          messages: topicRecords.map(({ key, value, headers }) => ({ key, value, headers })),
        })),
      });
      this.publishHealth.succeeded();
    } catch (error) {
      if (this.publishHealth.failed(error)) this.replaceProducer(error);
      throw error;
    } finally {
      cameBack();
    }
  }

  publishFailingForMs(): number {
    return this.publishHealth.failingForMs();
  }

  /**
   * Drops the producer so the next publish connects a new one: a new producer
   * id with sequences from 0, which is what recovers a producer whose state the
   * broker no longer shares. The caller (the outbox relay) retries the rows.
   */
  private replaceProducer(error: unknown): void {
    const replaced = this.producer;
    this.producer = undefined;
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "Kafka publishes keep failing: replacing the producer",
    );
    void replaced?.then((producer) => producer.disconnect()).catch(() => undefined);
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    try {
      await this.createTopics(admin, missing);
    } catch (error) {
      // Losing the race to create a shared topic, or a broker that does not
      // host a topic it created a moment ago, is fine once every topic is listed.
      const topics = missing.map((spec) => spec.topic);
      if (!(await topicsPresent(() => admin.listTopics(), topics))) throw error;
    }
  }

  async describeTopics(topics: string[]): Promise<{ topic: string; partitions?: number }[]> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    const metadata = present.length ? await admin.fetchTopicMetadata({ topics: present }) : { topics: [] };
    const partitions = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    return topics.map((topic) => ({ topic, partitions: partitions.get(topic) }));
  }

  private async createTopics(admin: Admin, missing: TopicSpec[]): Promise<void> {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions ?? 3,
        replicationFactor: spec.replicationFactor ?? -1,
        configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  /**
   * Messages ever written to the cluster's own topics (internal ones such as
   * __consumer_offsets left out): the sum of every partition's high watermark.
   * Benchmarks count messages per unit of work from two readings. `only`
   * restricts the count to these topics.
   */
  async messagesWritten(only?: readonly string[]): Promise<number> {
    const admin = await this.connectedAdmin();
    const topics = (await admin.listTopics()).filter(
      (topic) => !topic.startsWith("__") && (!only || only.includes(topic)),
    );
    let total = 0;
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) total += Number(partition.high);
    }
    return total;
  }

  async ping(): Promise<void> {
    const admin = await this.connectedAdmin();
    await admin.describeCluster();
  }

  async close(): Promise<void> {
    const [producer, admin] = [this.producer, this.admin];
    this.producer = undefined;
    this.admin = undefined;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())]);
  }

  private connectedProducer(): Promise<Producer> {
    // Idempotent with acks=all and one request in flight: no duplicates from
    // producer retries, and per-key order survives a retried batch.
    this.producer ??= connect(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connect(this.kafka.admin(), () => (this.admin = undefined));
    return this.admin;
  }
}

async function connect<Client extends { connect(): Promise<void> }>(client: Client, onFailure: () => void) {
  try {
    await client.connect();
    return client;
  } catch (error) {
    onFailure();
    throw error;
  }
}
