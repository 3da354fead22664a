import { KafkajsAdapter, type IncomingMessage } from "@peakshop/platform-nest";
import { testContext } from "@peakshop/testing";
import type { DataSource, EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deadLetterTopicOf, everyMessage, listDeadLetters, ReliableConsumer } from "../src/index";
import { eventStoreDatabase } from "./support/event-store-database";
import { amountOf, messageOf, paymentEffects } from "./support/payment-effects";

const ctx = testContext(inject("peakshopInfrastructure"));

/** Our own database or broker in trouble is waited out: the consumer rethrows, records nothing, dead-letters nothing. */
describe("reliable consumer when our infrastructure fails", () => {
  let dataSource: DataSource;
  let kafka: KafkajsAdapter;
  let effects: Awaited<ReturnType<typeof paymentEffects>>;

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx);
    effects = await paymentEffects(dataSource);
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

  const recordEffect = (message: IncomingMessage, manager: EntityManager) =>
    effects.recordEffect(message, manager);

  it("rethrows our own infrastructure's failure and records nothing, so the batch comes again", async () => {
    const topic = ctx.uniqueName("batch-down");
    const reliable = new ReliableConsumer(dataSource, kafka, { consumer: ctx.uniqueName("group") });
    const batch = [1, 2].map((n) => messageOf(topic, n, `${topic}-${n}`, amountOf(`${topic}-${n}`, n)));
    const databaseDown = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    let calls = 0;
    const failing = async (message: IncomingMessage, manager: EntityManager) => {
      await recordEffect(message, manager);
      if (++calls === 2) throw databaseDown;
    };
    await expect(reliable.processBatch(batch, everyMessage(failing))).rejects.toBe(databaseDown);
    expect(await effects.effectsOf(`${topic}-1`)).toBe(0);
    expect(await reliable.processBatch(batch, everyMessage(recordEffect))).toEqual(["handled", "handled"]);
  });

  it("waits out a database that turned read-only (a failover), never dead-letters, and handles the message once writes work again", async () => {
    const topic = ctx.uniqueName("failover");
    const group = ctx.uniqueName("group");
    await ctx.createTopics([{ topic: deadLetterTopicOf(group), partitions: 1 }]);
    const reliable = new ReliableConsumer(dataSource, kafka, {
      consumer: group,
      maxAttempts: 2,
      initialBackoffMs: 10,
    });
    const message = messageOf(topic, 1, `${topic}-1`, amountOf(`${topic}-1`, 7));
    let failingOver = true;
    // PostgreSQL's own 25006, as a demoted primary or a replica answers writes.
    const duringFailover = async (incoming: IncomingMessage, manager: EntityManager) => {
      if (failingOver) await manager.query(`SET TRANSACTION READ ONLY`);
      await recordEffect(incoming, manager);
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(reliable.process(message, everyMessage(duringFailover))).rejects.toMatchObject({
        code: "25006",
      });
    }
    expect(await effects.effectsOf(`${topic}-1`)).toBe(0);
    expect(await listDeadLetters(ctx.brokers, group)).toEqual([]);
    failingOver = false;
    expect(await reliable.process(message, everyMessage(duringFailover))).toBe("handled");
    expect(await effects.effectsOf(`${topic}-1`)).toBe(1);
  });
});
