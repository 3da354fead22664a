import { randomUUID } from "node:crypto";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { kafkaConnection } from "./kafka-connection";

const PROBE_TOPIC = "__peakshop_probe";
const ATTEMPT_TIMEOUT_MS = 20_000;
const PAUSE_BETWEEN_ATTEMPTS_MS = 500;

/**
 * Proves a broker is ready for real work, not merely listening: a produce with
 * acks=all succeeds and a fresh consumer group joins and reads that record back.
 * Retries until `timeoutMs` has passed, then throws with the last failure.
 */
export async function probeKafkaRoundTrip(brokers: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await attempt(brokers, Math.min(ATTEMPT_TIMEOUT_MS, Math.max(1_000, deadline - Date.now())));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_ATTEMPTS_MS));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Kafka at ${brokers.join(",")} not ready within ${timeoutMs} ms: ${reason}`);
}

async function attempt(brokers: string[], timeoutMs: number): Promise<void> {
  const kafka = new Kafka({
    clientId: "peakshop-probe",
    brokers,
    ...kafkaConnection(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `peakshop-probe-${randomUUID()}` });
  const marker = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no round trip within ${timeoutMs} ms`)), timeoutMs);
      void (async () => {
        await admin.connect();
        if (!(await admin.listTopics()).includes(PROBE_TOPIC)) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic: PROBE_TOPIC, numPartitions: 1 }],
          });
        }
        await producer.connect();
        await producer.send({ topic: PROBE_TOPIC, acks: -1, messages: [{ key: marker, value: marker }] });
        await consumer.connect();
        await consumer.subscribe({ topic: PROBE_TOPIC, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            if (message.value?.toString() === marker) resolve();
          },
        });
      })().catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  }
}
