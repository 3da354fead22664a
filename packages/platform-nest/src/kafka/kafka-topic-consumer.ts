import { Kafka, logLevel } from "kafkajs";
import { incomingMessageOf } from "./incoming-message";
import { kafkaConnection } from "./kafka-connection";
import type { IncomingMessage } from "./kafka.port";

export interface TopicConsumer {
  /** Commits the offset after `message`, so the group resumes past it. */
  commit(message: IncomingMessage): Promise<void>;
  /** Leaves the group without committing anything further (as a crash would). */
  stop(): Promise<void>;
}

/**
 * A plain consumer-group member with manual commits, outside Nest: for tools,
 * benchmarks and tests that must control exactly when offsets are committed.
 */
export async function consumeTopic(
  brokers: string[],
  groupId: string,
  topics: string[],
  handle: (message: IncomingMessage, consumer: TopicConsumer) => Promise<void>,
): Promise<TopicConsumer> {
  const kafka = new Kafka({ clientId: groupId, brokers, ...kafkaConnection(), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const handle_: TopicConsumer = {
    commit: (message) =>
      consumer.commitOffsets([
        {
          topic: message.topic,
          partition: message.partition,
          offset: (BigInt(message.offset) + 1n).toString(),
        },
      ]),
    stop: () => consumer.disconnect(),
  };
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await handle(incomingMessageOf(topic, partition, message), handle_);
    },
  });
  return handle_;
}
