import { ServerKafka, type KafkaOptions } from "@nestjs/microservices";
import { Partitioners, type Consumer, type EachBatchPayload } from "kafkajs";
import type { Registry } from "prom-client";
import { isObservable, lastValueFrom } from "rxjs";
import { ConsumerLagMetrics } from "./consumer-lag.metrics";
import { incomingMessageOf } from "./incoming-message";
import { kafkaConnection } from "./kafka-connection";
import type { IncomingMessage } from "./kafka.port";

/** Where a batch came from, as the second argument (`@Ctx()`) of a batch handler. */
export class KafkaBatchContext {
  constructor(
    readonly topic: string,
    readonly partition: number,
    /** Tells the group this member is alive during a long batch. */
    readonly heartbeat: () => Promise<void>,
  ) {}
}

/**
 * NestJS's Kafka transport, consuming in batches: an `@EventPattern(topic)`
 * handler receives the messages of one partition (`@Payload()`, in order, at
 * most `batchSize`) and the offset after them is committed only once the
 * handler resolved. Nest's own transport hands each message to a handler, and
 * a failed handler's error to its exception filters before letting kafkajs
 * commit the offset, which would drop the message; here the error propagates,
 * so the batch is delivered again (at-least-once; consumers are idempotent).
 * It also reports each partition's lag from kafkajs' batch events.
 */
export class KafkaConsumerServer extends ServerKafka {
  constructor(
    options: NonNullable<KafkaOptions["options"]>,
    private readonly batchSize: number,
    private readonly lag?: ConsumerLagMetrics,
  ) {
    super(options);
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const { consumer, lag } = this;
    if (!consumer || !lag) return;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => lag.assigned(payload.memberAssignment));
    consumer.on(consumer.events.START_BATCH_PROCESS, ({ payload }) => lag.batchStarted(payload));
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => lag.batchEnded(payload));
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) await consumer.subscribe({ ...this.options.subscribe, topics });
    await consumer.run({
      ...this.options.run,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`No event handler for topic ${batch.topic}; not committing its offset`);
    const context = new KafkaBatchContext(batch.topic, batch.partition, heartbeat);
    for (let start = 0; start < batch.messages.length; start += this.batchSize) {
      // A rebalance took the partition away: its new owner starts after the last resolved offset.
      if (!isRunning() || isStale()) return;
      const records = batch.messages.slice(start, start + this.batchSize);
      const messages: IncomingMessage[] = records.map((record) =>
        incomingMessageOf(batch.topic, batch.partition, record),
      );
      const result = await handler(messages, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      resolveOffset(records.at(-1)!.offset);
      await heartbeat();
    }
  }
}

export interface KafkaConsumerSettings {
  brokers: string[];
  clientId: string;
  groupId: string;
  partitionsConsumedConcurrently?: number;
  /** The most messages handed to a handler at once (KAFKA_CONSUMER_BATCH_SIZE). */
  batchSize?: number;
  /** How often handled offsets are committed. */
  commitIntervalMs?: number;
  /** Where the consumer's lag is reported (peakshop_consumer_lag). */
  metrics?: Registry;
}

export function kafkaConsumerServer(settings: KafkaConsumerSettings): KafkaConsumerServer {
  const options: NonNullable<KafkaOptions["options"]> = {
    postfixId: "",
    client: { clientId: settings.clientId, brokers: settings.brokers, ...kafkaConnection() },
    consumer: { groupId: settings.groupId, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: true },
    run: {
      // Partitions are independent (order is per key), so handle several at once.
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently ?? 4,
      // Offsets of handled batches are committed at most this often (see the
      // kafkajs patch), on rebalance and at stop: a crash redelivers at most
      // this much, which the inboxes answer as duplicates.
      autoCommitInterval: settings.commitIntervalMs ?? 500,
    },
    producer: { createPartitioner: Partitioners.DefaultPartitioner },
  };
  const lag = settings.metrics && new ConsumerLagMetrics(settings.metrics, settings.groupId);
  return new KafkaConsumerServer(options, settings.batchSize ?? 100, lag);
}
