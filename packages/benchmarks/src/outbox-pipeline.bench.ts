import {
  checkDeliveries,
  EVENTSOURCING_MIGRATIONS,
  OutboxRelay,
  PostgresEventStore,
  type Delivery,
} from "@peakshop/eventsourcing";
import { consumeTopic, KafkajsAdapter } from "@peakshop/platform-nest";
import { startInfrastructure, testContext, waitFor, type Infrastructure } from "@peakshop/testing";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rawCommitRate, rawProduceRate } from "./baselines";
import { writeReport } from "./report";
import { perSecond, quantile, round } from "./stats";

const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const LINGER_MS = Number(process.env.BENCH_LINGER_MS ?? 20);
const STREAMS_PER_WRITER = 25;
const RELAY_BATCH = 500;

let infrastructure: Infrastructure;
let ctx: ReturnType<typeof testContext>;

beforeAll(async () => {
  // Durable PostgreSQL (fsync on, data on disk), as in production.
  infrastructure = await startInfrastructure(process.env, { durable: true });
  ctx = testContext(infrastructure.settings);
});

afterAll(async () => {
  await infrastructure?.stop();
});

async function pipeline(url: string, topic: string) {
  const dataSource = new DataSource({
    type: "postgres",
    url,
    migrations: EVENTSOURCING_MIGRATIONS,
    extra: { max: WRITERS + 4 },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const store = new PostgresEventStore(dataSource);
  const kafka = new KafkajsAdapter({
    brokers: ctx.brokers,
    clientId: "bench-relay",
    service: "bench",
    logLevel: "error",
  });
  const relay = new OutboxRelay(dataSource, kafka, { batchSize: RELAY_BATCH, lingerMs: LINGER_MS });
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  const arrived: Delivery[] = [];
  const sent: Delivery[] = [];
  const consumer = await consumeTopic(ctx.brokers, ctx.uniqueName("bench"), [topic], async (message) => {
    const delivery = JSON.parse(message.value?.toString() ?? "{}") as Delivery;
    arrived.push(delivery);
    const committed = committedAt.get(`${delivery.key}/${delivery.sequence}`);
    if (committed !== undefined) latencies.push(performance.now() - committed);
  });
  relay.start();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const versions = new Map<string, number>();
      for (let i = 0; i < EVENTS / WRITERS; i++) {
        const streamId = `order-${writer}-${i % STREAMS_PER_WRITER}`;
        const version = versions.get(streamId) ?? 0;
        const sequence = version + 1;
        const value = JSON.stringify({ key: streamId, sequence, pad: "x".repeat(80) });
        await store.append(streamId, version, [{ type: "BenchEvent", data: { sequence } }], {
          outbox: [{ topic, key: streamId, value }],
        });
        committedAt.set(`${streamId}/${sequence}`, performance.now());
        versions.set(streamId, sequence);
        sent.push({ key: streamId, sequence });
      }
    }),
  );
  const appendedMs = performance.now() - started;
  await waitFor(() => arrived.length >= EVENTS, {
    timeoutMs: 300_000,
    intervalMs: 20,
    description: "every event on Kafka",
  });
  const deliveredMs = performance.now() - started;
  await relay.stop();
  await consumer.stop();
  await kafka.close();
  await dataSource.destroy();
  return { appendedMs, deliveredMs, latencies, check: checkDeliveries(sent, arrived) };
}

it(`event pipeline: ${EVENTS} events from ${WRITERS} writers through the outbox relay`, async () => {
  const rawTopic = ctx.uniqueName("bench_raw");
  const pipelineTopic = ctx.uniqueName("bench_pipeline");
  await ctx.createTopics([
    { topic: rawTopic, partitions: 6 },
    { topic: pipelineTopic, partitions: 6 },
  ]);
  const commitRate = await rawCommitRate(await ctx.createDatabase(ctx.uniqueName("raw")), WRITERS, EVENTS);
  const produceRate = await rawProduceRate(ctx.brokers, rawTopic, EVENTS, RELAY_BATCH);
  const run = await pipeline(await ctx.createDatabase(ctx.uniqueName("pipeline")), pipelineTopic);

  const throughput = perSecond(EVENTS, run.deliveredMs);
  const slowerBaseline = Math.min(commitRate, produceRate);
  const figures = {
    writers: WRITERS,
    events: EVENTS,
    baselines: { pgOneRowCommitsPerSecond: round(commitRate), kafkaProducePerSecond: round(produceRate) },
    pipeline: {
      appendPlusOutboxPerSecond: round(perSecond(EVENTS, run.appendedMs)),
      endToEndPerSecond: round(throughput),
      publishLatencyMs: {
        p50: round(quantile(run.latencies, 0.5)),
        p99: round(quantile(run.latencies, 0.99)),
        max: round(Math.max(...run.latencies)),
      },
    },
    ratios: {
      pipelineToPgCommits: round(throughput / commitRate, 2),
      pipelineToKafkaProduce: round(throughput / produceRate, 2),
      pipelineToSlowerBaseline: round(throughput / slowerBaseline, 2),
    },
    delivery: run.check,
  };
  const path = writeReport(
    "outbox-pipeline",
    `# Event pipeline benchmark

${EVENTS} events from ${WRITERS} concurrent writers: append (expected version) + outbox row in one
transaction, relayed to Kafka (idempotent producer, acks=all), consumed by a consumer group.
Baselines were measured in the same run on the same containers. PostgreSQL is durable (fsync on).

| measure | value |
| --- | --- |
| baseline: one-row INSERT commits/s (pg, ${WRITERS} clients) | ${figures.baselines.pgOneRowCommitsPerSecond} |
| baseline: Kafka produce msgs/s (kafkajs, idempotent, acks=all, batches of ${RELAY_BATCH}) | ${figures.baselines.kafkaProducePerSecond} |
| pipeline: append+outbox commits/s | ${figures.pipeline.appendPlusOutboxPerSecond} |
| pipeline: end-to-end events/s (appended -> on Kafka -> consumed) | ${figures.pipeline.endToEndPerSecond} |
| publish latency p50 / p99 / max (ms, commit -> consumed) | ${figures.pipeline.publishLatencyMs.p50} / ${figures.pipeline.publishLatencyMs.p99} / ${figures.pipeline.publishLatencyMs.max} |
| **ratio to the slower baseline** (target >= 0.5) | **${figures.ratios.pipelineToSlowerBaseline}** |
| ratio to pg commits / to Kafka produce | ${figures.ratios.pipelineToPgCommits} / ${figures.ratios.pipelineToKafkaProduce} |
| delivery check | lost ${run.check.lost}, reordered ${run.check.reordered}, duplicated ${run.check.duplicated} of ${run.check.expected} |
`,
    figures,
  );
  console.info(`report written to ${path}\n${JSON.stringify(figures, null, 2)}`);
  // Correctness is asserted; speed is reported, never asserted (shared, noisy machines).
  expect(run.check.lost).toBe(0);
  expect(run.check.reordered).toBe(0);
});
