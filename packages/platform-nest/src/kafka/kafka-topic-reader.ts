import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { incomingMessageOf } from "./incoming-message";
import { kafkaConnection } from "./kafka-connection";

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning with a throwaway consumer group until
 * `enough` says so or the time runs out: for tests, operators' tools and the
 * dead-letter CLI, never for service consumers.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  enough: (records: ReadRecord[]) => boolean,
  timeoutMs = 30_000,
): Promise<ReadRecord[]> {
  const kafka = new Kafka({
    clientId: "peakshop-reader",
    brokers,
    ...kafkaConnection(),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `peakshop-reader-${randomUUID()}` });
  const records: ReadRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const record = incomingMessageOf(topic, partition, message);
          records.push({ ...record, value: record.value?.toString() ?? null });
          if (enough(records)) resolve();
        },
      });
    });
    return records;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/** Reads every record currently on a topic (up to each partition's end at the time of the call). */
export async function readTopicToEnd(
  brokers: string[],
  topic: string,
  timeoutMs = 30_000,
): Promise<ReadRecord[]> {
  const kafka = new Kafka({
    clientId: "peakshop-reader",
    brokers,
    ...kafkaConnection(),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  const total = [...ends.values()].reduce((sum, high) => sum + high, 0n);
  if (total === 0n) return [];
  const reached = (records: ReadRecord[]) =>
    [...ends].every(
      ([partition, high]) =>
        high === 0n || records.some((r) => r.partition === partition && BigInt(r.offset) + 1n >= high),
    );
  return readTopic(brokers, topic, reached, timeoutMs);
}
