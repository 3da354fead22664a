import { KafkajsAdapter, type IncomingMessage } from "@peakshop/platform-nest";
import { testContext } from "@peakshop/testing";
import type { DataSource, EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deadLetterTopicOf, everyMessage, listDeadLetters, ReliableConsumer } from "../src/index";
import { eventStoreDatabase } from "./support/event-store-database";
import { amountOf, messageOf, paymentEffects } from "./support/payment-effects";

const ctx = testContext(inject("peakshopInfrastructure"));

// Batches of different partitions, as Kafka hands one fetch to concurrent batch handlers.
const onPartition = (partition: number, message: IncomingMessage): IncomingMessage => ({
  ...message,
  partition,
});

describe("batches that arrive together share one inbox transaction", () => {
  let dataSource: DataSource;
  let kafka: KafkajsAdapter;
  let effects: Awaited<ReturnType<typeof paymentEffects>>;

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx);
    effects = await paymentEffects(dataSource);
    await dataSource.query(`CREATE TABLE batch_transactions (message_id text, txid bigint)`);
    kafka = new KafkajsAdapter({
      brokers: ctx.brokers,
      clientId: ctx.uniqueName("c"),
      service: "test",
      logLevel: "error",
    });
  });

  afterAll(async () => {
    await kafka?.close();
    await dataSource?.destroy();
  });

  const recordTransaction = async (message: IncomingMessage, manager: EntityManager) => {
    await effects.recordEffect(message, manager);
    await manager.query(`INSERT INTO batch_transactions VALUES ($1, txid_current())`, [
      message.headers["ce_id"],
    ]);
  };
  const transactionsOf = async (ids: string[]): Promise<number> =>
    (
      await dataSource.query(
        `SELECT count(DISTINCT txid)::int AS n FROM batch_transactions WHERE message_id = ANY($1)`,
        [ids],
      )
    )[0].n;
  const batchOf = (topic: string, partition: number, ids: string[]) =>
    ids.map((id, offset) => onPartition(partition, messageOf(topic, offset, id, amountOf(id, 1))));

  it("commits the partitions of one fetch once, each message once", async () => {
    const topic = ctx.uniqueName("shared");
    const reliable = new ReliableConsumer(dataSource, kafka, { consumer: ctx.uniqueName("group") });
    const batches = [
      batchOf(topic, 0, ["s-1", "s-2"]),
      batchOf(topic, 1, ["s-3"]),
      batchOf(topic, 2, ["s-4"]),
    ];

    const outcomes = await Promise.all(
      batches.map((batch) => reliable.processBatch(batch, everyMessage(recordTransaction))),
    );

    expect(outcomes).toEqual([["handled", "handled"], ["handled"], ["handled"]]);
    expect(await transactionsOf(["s-1", "s-2", "s-3", "s-4"])).toBe(1);
    for (const id of ["s-1", "s-2", "s-3", "s-4"]) expect(await effects.effectsOf(id)).toBe(1);
  });

  it("gathers the batches that arrive while a transaction runs into the next one", async () => {
    const topic = ctx.uniqueName("next");
    const reliable = new ReliableConsumer(dataSource, kafka, { consumer: ctx.uniqueName("group") });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slowFirst = everyMessage(async (message, manager) => {
      await recordTransaction(message, manager);
      started();
      await held;
    });

    const first = reliable.processBatch(batchOf(topic, 0, ["n-1"]), slowFirst);
    await running;
    const later = [batchOf(topic, 1, ["n-2"]), batchOf(topic, 2, ["n-3"])].map((batch) =>
      reliable.processBatch(batch, everyMessage(recordTransaction)),
    );
    release();
    await Promise.all([first, ...later]);

    expect(await transactionsOf(["n-1"])).toBe(1);
    expect(await transactionsOf(["n-2", "n-3"])).toBe(1);
    expect(await transactionsOf(["n-1", "n-2", "n-3"])).toBe(2);
  });

  it("lets a poison message fail only its own batch: the others commit once, it is dead-lettered", async () => {
    const topic = ctx.uniqueName("poison");
    const group = ctx.uniqueName("group");
    await ctx.createTopics([{ topic: deadLetterTopicOf(group), partitions: 1 }]);
    const reliable = new ReliableConsumer(dataSource, kafka, {
      consumer: group,
      maxAttempts: 2,
      initialBackoffMs: 5,
    });
    const poisoned = [
      onPartition(1, messageOf(topic, 0, "q-2", amountOf("q-2", 1))),
      onPartition(1, messageOf(topic, 1, "q-poison", "{oops")),
    ];
    const batches = [batchOf(topic, 0, ["q-1"]), poisoned, batchOf(topic, 2, ["q-3", "q-4"])];

    const outcomes = await Promise.all(
      batches.map((batch) => reliable.processBatch(batch, everyMessage(recordTransaction))),
    );

    expect(outcomes).toEqual([["handled"], ["handled", "dead-lettered"], ["handled", "handled"]]);
    for (const id of ["q-1", "q-2", "q-3", "q-4"]) expect(await effects.effectsOf(id)).toBe(1);
    // The clean batches committed on their own, not with the poisoned one.
    expect(await transactionsOf(["q-3", "q-4"])).toBe(1);
    expect(await transactionsOf(["q-1", "q-3"])).toBe(2);
    const letters = await listDeadLetters(ctx.brokers, group);
    expect(letters.map((letter) => [letter.messageId, letter.attempts])).toEqual([["q-poison", "1"]]);
  });
});
