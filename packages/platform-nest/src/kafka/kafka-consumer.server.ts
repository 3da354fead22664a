import { ServerKafka, type KafkaOptions } from "@nestjs/microservices";
import { Partitioners } from "kafkajs";
import { isObservable, lastValueFrom } from "rxjs";

/**
 * NestJS's Kafka transport, made strict: Nest hands a failed event handler's
 * error to its exception filters and then lets kafkajs commit the offset, which
 * would drop the message. Here the error propagates, so kafkajs does not commit
 * and the message is delivered again (at-least-once; consumers are idempotent).
 */
export class KafkaConsumerServer extends ServerKafka {
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
}

export function kafkaConsumerServer(settings: KafkaConsumerSettings): KafkaConsumerServer {
  const options: KafkaOptions["options"] = {
    postfixId: "",
    client: { clientId: settings.clientId, brokers: settings.brokers },
    consumer: { groupId: settings.groupId, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: true },
    // Partitions are independent (order is per key), so handle several at once.
    run: { partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently ?? 4 },
    // Handlers get the producer's bytes; decoding belongs to the contracts.
    parser: { keepBinary: true },
    producer: { createPartitioner: Partitioners.DefaultPartitioner },
  };
  return new KafkaConsumerServer(options);
}
