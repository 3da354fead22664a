import { KafkajsAdapter, readTopic } from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkDeliveries, handleCommand, OutboxRelay, PostgresEventStore, type Delivery } from "../src/index";
import { counter, counterCodec } from "./support/counter.decider";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

const newKafka = () =>
  new KafkajsAdapter({
    brokers: ctx.brokers,
    clientId: ctx.uniqueName("relay"),
    service: "test",
    logLevel: "error",
  });

describe("outbox relay", () => {
  let dataSource: DataSource;
  const adapters: KafkajsAdapter[] = [];

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx, 30);
  });

  afterAll(async () => {
    await Promise.allSettled(adapters.map((adapter) => adapter.close()));
    await dataSource?.destroy();
  });

  function startRelays(count: number): OutboxRelay[] {
    return Array.from({ length: count }, () => {
      const kafka = newKafka();
      adapters.push(kafka);
      const relay = new OutboxRelay(dataSource, kafka, { batchSize: 200, slotsPerClaim: 4 });
      relay.start();
      return relay;
    });
  }

  it("delivers every message of many concurrent writers through two relays: none lost, none reordered", async () => {
    const topic = ctx.uniqueName("relay_load");
    await ctx.createTopics([{ topic, partitions: 6 }]);
    const relays = startRelays(2);
    const writers = 8;
    const commandsPerWriter = 60;
    const streams = 40;
    const sent: Delivery[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = 0; i < commandsPerWriter; i++) {
          const streamId = `stream-${(writer * 7 + i * 13) % streams}`;
          const result = await handleCommand(
            dataSource,
            counter,
            streamId,
            { type: "Increment", by: 1 },
            {
              ...counterCodec,
              maxAttempts: 100,
              toOutbox: ({ state }) => [
                { topic, key: streamId, value: JSON.stringify({ key: streamId, sequence: state.total }) },
              ],
            },
          );
          sent.push({ key: streamId, sequence: result.state.total });
        }
      }),
    );
    const expected = writers * commandsPerWriter;
    // Wait for every distinct message, not a count: a duplicate must not stand in for a missing one.
    const distinct = (records: { value: string | null }[]) =>
      new Set(records.map((record) => record.value)).size;
    const arrived = await readTopic(ctx.brokers, topic, (records) => distinct(records) >= expected, 90_000);
    await Promise.all(relays.map((relay) => relay.stop()));

    const deliveries = arrived.map((record) => JSON.parse(record.value ?? "{}") as Delivery);
    const report = checkDeliveries(sent, deliveries);
    console.info(`outbox relay checker: ${JSON.stringify(report)}`);
    expect(report.expected).toBe(expected);
    expect(report.lost).toBe(0);
    expect(report.reordered).toBe(0);
    // Nothing failed, so nothing may be published twice: a relay taking over a
    // slot must not take rows its previous holder already published.
    expect(report.duplicated).toBe(0);
    const [{ left }] = await dataSource.query(`SELECT count(*)::int AS left FROM es_outbox`);
    expect(left).toBe(0);
  });

  it("publishes a row that commits after later rows were already published", async () => {
    const topic = ctx.uniqueName("relay_late");
    await ctx.createTopics([{ topic, partitions: 1 }]);
    const store = new PostgresEventStore(dataSource);
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    // The slow transaction takes the lower outbox id first, then commits last.
    await store.append("late-a", 0, [{ type: "A", data: {} }], {
      manager: slow.manager,
      outbox: [{ topic, key: "late-a", value: "a" }],
    });
    await store.append("late-b", 0, [{ type: "B", data: {} }], {
      outbox: [{ topic, key: "late-b", value: "b" }],
    });
    const [relay] = startRelays(1);

    await readTopic(ctx.brokers, topic, (records) => records.some((record) => record.value === "b"), 30_000);
    await slow.commitTransaction();
    await slow.release();
    const records = await readTopic(
      ctx.brokers,
      topic,
      (seen) => seen.some((record) => record.value === "a"),
      30_000,
    );
    await relay!.stop();
    expect(records.map((record) => record.value).sort()).toEqual(["a", "b"]);
    await waitFor(async () => (await dataSource.query(`SELECT 1 FROM es_outbox`)).length === 0, {
      description: "empty outbox",
    });
  });
});
