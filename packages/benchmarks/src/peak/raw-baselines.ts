import { consumeTopic, KafkajsAdapter } from "@peakshop/platform-nest";
import Fastify from "fastify";
import { Pool } from "undici";
import { rawCommitRate, rawProduceRate } from "../baselines";
import { perSecond } from "../stats";

/** The raw rates this run's stages are compared with, measured on the same machine in the same run. */
export interface Baselines {
  /** One-row INSERT commits/s through pg, from as many clients as the services pool. */
  postgresCommitsPerSecond?: number;
  /** kafkajs produce (the Kafka port's idempotent producer, acks=all) in batches of 100. */
  kafkaProducePerSecond?: number;
  /** kafkajs consume of the same messages by a fresh consumer group. */
  kafkaConsumePerSecond?: number;
  /** An empty Fastify route, driven by the load generator's own HTTP client. */
  emptyRoutePerSecond: number;
}

const RAW_TOPIC = "bench.peak-raw.records.v1";

export async function measureBaselines(options: {
  postgresUrl?: string;
  kafkaBrokers?: string[];
  postgresClients: number;
  messages: number;
  requests: number;
}): Promise<Baselines> {
  const emptyRoutePerSecond = await emptyRouteRate(options.requests, 64);
  if (!options.postgresUrl || !options.kafkaBrokers) return { emptyRoutePerSecond };
  const postgresCommitsPerSecond = await rawCommitRate(
    options.postgresUrl,
    options.postgresClients,
    options.postgresClients * 250,
  );
  const kafka = new KafkajsAdapter({
    brokers: options.kafkaBrokers,
    clientId: "bench-peak",
    service: "bench",
    logLevel: "error",
  });
  await kafka.ensureTopics([{ topic: RAW_TOPIC, partitions: 3 }]);
  const kafkaProducePerSecond = await rawProduceRate(options.kafkaBrokers, RAW_TOPIC, options.messages, 100);
  const inTopic = await kafka.messagesWritten([RAW_TOPIC]);
  await kafka.close();
  const kafkaConsumePerSecond = await consumeRate(options.kafkaBrokers, inTopic);
  return { postgresCommitsPerSecond, kafkaProducePerSecond, kafkaConsumePerSecond, emptyRoutePerSecond };
}

/** Reads the raw topic from the start with a new group; the rate counts from the first message on. */
async function consumeRate(brokers: string[], inTopic: number): Promise<number> {
  let count = 0;
  let first = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = performance.now();
  const consumer = await consumeTopic(brokers, `bench-peak-raw-${Date.now()}`, [RAW_TOPIC], async () => {
    if (count++ === 0) first = performance.now();
    if (count >= inTopic) done();
  });
  // The topic holds every run's raw messages (its retention bounds them); read them all, or stop after 60 s.
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  const elapsed = performance.now() - (first || started);
  await consumer.stop();
  return perSecond(count, elapsed);
}

/** Requests/s of a Fastify route that does nothing, closed loop at `concurrency`, through undici. */
async function emptyRouteRate(requests: number, concurrency: number): Promise<number> {
  const app = Fastify({ logger: false });
  app.get("/empty", async () => ({ ok: true }));
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const pool = new Pool(address, { connections: concurrency });
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent++ < requests) await (await pool.request({ method: "GET", path: "/empty" })).body.text();
    }),
  );
  const elapsed = performance.now() - started;
  await pool.close();
  await app.close();
  return perSecond(requests, elapsed);
}
