import { ServerKafka, type KafkaOptions } from "@nestjs/microservices";
import { Partitioners } from "kafkajs";
import { kafkaConnection } from "./kafka-connection";
import type { Registry } from "prom-client";
import { isObservable, lastValueFrom } from "rxjs";
import { ConsumerLagMetrics } from "./consumer-lag.metrics";

/**
 * NestJS's Kafka transport, made strict: Nest hands a failed event handler's
 * error to its exception filters and then lets kafkajs commit the offset, which
 * would drop the message. Here the error propagates, so kafkajs does not commit
 * and the message is delivered again (at-least-once; consumers are idempotent).
 * It also reports each partition's lag from kafkajs' batch events.
 */
export class KafkaConsumerServer extends ServerKafka {
  constructor(
    options: NonNullable<KafkaOptions["options"]>,
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

  override async handleEvent(pattern: string, packet: { data: unknown }, context: unknown): Promise<void> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) {
      throw new Error(`No event handler for topic ${pattern}; not committing its offset`);
    }
    const result = await handler(packet.data, context);
    if (isObservable(result)) {
      await lastValueFrom(result, { defaultValue: undefined });
    }
  }
}

export interface KafkaConsumerSettings {
  brokers: string[];
  clientId: string;
  groupId: string;
  partitionsConsumedConcurrently?: number;
  /** Where the consumer's lag is reported (peakshop_consumer_lag). */
  metrics?: Registry;
}

export function kafkaConsumerServer(settings: KafkaConsumerSettings): KafkaConsumerServer {
  const options: NonNullable<KafkaOptions["options"]> = {
    postfixId: "",
    client: { clientId: settings.clientId, brokers: settings.brokers, ...kafkaConnection() },
    consumer: { groupId: settings.groupId, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: true },
    // Partitions are independent (order is per key), so handle several at once.
    run: { partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently ?? 4 },
    // Handlers get the producer's bytes; decoding belongs to the contracts.
    parser: { keepBinary: true },
    producer: { createPartitioner: Partitioners.DefaultPartitioner },
  };
  const lag = settings.metrics && new ConsumerLagMetrics(settings.metrics, settings.groupId);
  return new KafkaConsumerServer(options, lag);
}
