import {
  consumeTopic,
  KafkajsAdapter,
  readTopicToEnd,
  type IncomingMessage,
  type TopicConsumer,
} from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import type { DataSource, EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  DEAD_LETTER_HEADERS,
  deadLetterTopicOf,
  everyMessage,
  handleCommandOnce,
  listDeadLetters,
  type MessageHandler,
  ReliableConsumer,
  replayDeadLetters,
} from "../src/index";
import { counter, counterCodec } from "./support/counter.decider";
import { eventStoreDatabase } from "./support/event-store-database";
import { amountOf, messageOf, paymentEffects, paymentOf } from "./support/payment-effects";

const ctx = testContext(inject("peakshopInfrastructure"));
describe("reliable consumer", () => {
  let dataSource: DataSource;
  let kafka: KafkajsAdapter;
  let effects: Awaited<ReturnType<typeof paymentEffects>>;
  const consumers: TopicConsumer[] = [];

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
    await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
    await kafka?.close();
    await dataSource?.destroy();
  });

  const recordEffect = (message: IncomingMessage, manager: EntityManager) =>
    effects.recordEffect(message, manager);
  const effectsOf = (orderId: string) => effects.effectsOf(orderId);

  const send = (topic: string, key: string, id: string, value: string) =>
    kafka.publish([{ topic, key, value, headers: { ce_id: id } }]);

  it("a consumer killed between its database commit and its offset commit has no second effect on redelivery", async () => {
    const topic = ctx.uniqueName("kill");
    const group = ctx.uniqueName("group");
    await ctx.createTopics([{ topic, partitions: 1 }]);
    const reliable = new ReliableConsumer(dataSource, kafka, { consumer: group });
    await send(topic, "order-1", "msg-1", JSON.stringify({ orderId: "order-1", amountCents: 500 }));

    let firstRun = "";
    const first = await consumeTopic(ctx.brokers, group, [topic], async (message) => {
      firstRun = await reliable.process(message, everyMessage(recordEffect));
      // Crash here: the effect is committed, the offset is not.
    });
    await waitFor(() => firstRun === "handled", { timeoutMs: 30_000, description: "first delivery" });
    await first.stop();

    let secondRun = "";
    const second = await consumeTopic(ctx.brokers, group, [topic], async (message, consumer) => {
      secondRun = await reliable.process(message, everyMessage(recordEffect));
      await consumer.commit(message);
    });
    consumers.push(second);
    await waitFor(() => secondRun !== "", {
      timeoutMs: 60_000,
      description: "redelivery to the restarted consumer",
    });
    expect(secondRun).toBe("duplicate");
    expect(await effectsOf("order-1")).toBe(1);
  });

  it("handles a message that came alone without a transaction when its handler can, else in one", async () => {
    const topic = ctx.uniqueName("alone");
    const reliable = new ReliableConsumer(dataSource, kafka, { consumer: ctx.uniqueName("group") });
    const ways: string[] = [];
    // Amounts of 0 are handed back, as a refused command is by handleCommandOnce.
    const handler: MessageHandler<IncomingMessage> = {
      select: (message) => message,
      handle: async (message, manager) => {
        ways.push("transaction");
        await recordEffect(message, manager);
      },
      handleAlone: async (message, inbox) => {
        const { orderId, amountCents } = paymentOf(message);
        if (amountCents === 0) return undefined;
        ways.push("alone");
        return handleCommandOnce(dataSource, counter, orderId, { type: "Increment", by: 1 }, inbox, {
          ...counterCodec,
          alsoWrite: () => [
            {
              text: `INSERT INTO effects VALUES ($1, $2, $3)`,
              values: [message.headers["ce_id"], orderId, amountCents],
            },
          ],
        });
      },
    };
    const charged = messageOf(topic, 1, "a-1", amountOf("alone-1", 500));
    const free = messageOf(topic, 2, "a-2", amountOf("alone-2", 0));
    expect(await reliable.process(charged, handler)).toBe("handled");
    expect(await reliable.process(charged, handler)).toBe("duplicate");
    expect(await reliable.process(free, handler)).toBe("handled");
    expect(await reliable.process(free, handler)).toBe("duplicate");
    expect(ways).toEqual(["alone", "alone", "transaction"]);
    expect(await effectsOf("alone-1")).toBe(1);
    expect(await effectsOf("alone-2")).toBe(1);
  });

  describe("a batch of one partition's messages", () => {
    // Records which transaction handled each message, to tell one commit from several.
    const recordTransaction = async (message: IncomingMessage, manager: EntityManager) => {
      await recordEffect(message, manager);
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

    beforeAll(async () => {
      await dataSource.query(`CREATE TABLE batch_transactions (message_id text, txid bigint)`);
    });

    it("is handled in one transaction, each message once, repeats answered as duplicates", async () => {
      const topic = ctx.uniqueName("batch");
      const reliable = new ReliableConsumer(dataSource, kafka, { consumer: ctx.uniqueName("group") });
      const first = [1, 2, 3].map((n) => messageOf(topic, n, `b-${n}`, amountOf(`batch-${n}`, n)));
      expect(await reliable.processBatch(first, everyMessage(recordTransaction))).toEqual([
        "handled",
        "handled",
        "handled",
      ]);
      expect(await transactionsOf(["b-1", "b-2", "b-3"])).toBe(1);

      // Redelivered from b-2 on, with a producer retry's copy of b-4 inside the batch.
      const again = [
        messageOf(topic, 2, "b-2", amountOf("batch-2", 2)),
        messageOf(topic, 3, "b-3", amountOf("batch-3", 3)),
        messageOf(topic, 4, "b-4", amountOf("batch-4", 4)),
        messageOf(topic, 5, "b-4", amountOf("batch-4", 4)),
      ];
      expect(await reliable.processBatch(again, everyMessage(recordTransaction))).toEqual([
        "duplicate",
        "duplicate",
        "handled",
        "duplicate",
      ]);
      for (const n of [1, 2, 3, 4]) expect(await effectsOf(`batch-${n}`)).toBe(1);
    });

    it("dead-letters only its poison message and handles the others once, in order", async () => {
      const topic = ctx.uniqueName("batch-poison");
      const group = ctx.uniqueName("group");
      await ctx.createTopics([{ topic: deadLetterTopicOf(group), partitions: 1 }]);
      const reliable = new ReliableConsumer(dataSource, kafka, {
        consumer: group,
        maxAttempts: 2,
        initialBackoffMs: 5,
      });
      const order: string[] = [];
      const handler = async (message: IncomingMessage, manager: EntityManager) => {
        order.push(message.headers["ce_id"]!);
        await recordTransaction(message, manager);
      };
      const batch = [
        messageOf(topic, 10, "p-1", amountOf("bp-1", 1)),
        messageOf(topic, 11, "p-poison", "{oops"),
        messageOf(topic, 12, "p-2", amountOf("bp-2", 2)),
      ];
      expect(await reliable.processBatch(batch, everyMessage(handler))).toEqual([
        "handled",
        "dead-lettered",
        "handled",
      ]);
      expect(await effectsOf("bp-1")).toBe(1);
      expect(await effectsOf("bp-2")).toBe(1);
      // The batch rolled back and its messages went one by one, in their order.
      expect(order.slice(-3)).toEqual(["p-1", "p-poison", "p-2"]);
      const letters = await listDeadLetters(ctx.brokers, group);
      expect(letters.map((letter) => [letter.messageId, letter.attempts])).toEqual([["p-poison", "1"]]);
    });

    it("acknowledges messages its handler does not select without a transaction, and dead-letters one it cannot decode", async () => {
      const topic = ctx.uniqueName("batch-select");
      const group = ctx.uniqueName("group");
      await ctx.createTopics([{ topic: deadLetterTopicOf(group), partitions: 1 }]);
      const reliable = new ReliableConsumer(dataSource, kafka, { consumer: group });
      // Zero amounts are another service's business on this topic.
      const paymentsOnly: MessageHandler<{ orderId: string; amountCents: number }> = {
        select: (message) => {
          const data = paymentOf(message);
          return data.amountCents === 0 ? undefined : data;
        },
        handle: (_, manager, message) => recordEffect(message, manager),
      };
      const batch = [
        messageOf(topic, 1, "s-1", amountOf("bs-1", 1)),
        messageOf(topic, 2, "s-zero", amountOf("bs-zero", 0)),
        messageOf(topic, 3, "s-poison", "{oops"),
        messageOf(topic, 4, "s-2", amountOf("bs-2", 2)),
      ];
      expect(await reliable.processBatch(batch, paymentsOnly)).toEqual([
        "handled",
        "ignored",
        "dead-lettered",
        "handled",
      ]);
      const recorded = await dataSource.query(
        `SELECT message_id FROM es_inbox WHERE consumer = $1 ORDER BY message_id`,
        [group],
      );
      expect(recorded.map((row: { message_id: string }) => row.message_id)).toEqual(["s-1", "s-2"]);
      const letters = await listDeadLetters(ctx.brokers, group);
      expect(letters.map((letter) => letter.messageId)).toEqual(["s-poison"]);
    });
  });

  it("sends a poison message to the dead-letter topic, keeps the partition flowing, and replays it after the fix", async () => {
    const topic = ctx.uniqueName("poison");
    const group = ctx.uniqueName("group");
    await ctx.createTopics([
      { topic, partitions: 1 },
      { topic: deadLetterTopicOf(group), partitions: 1 },
    ]);
    let bugFixed = false;
    const reliable = new ReliableConsumer(dataSource, kafka, {
      consumer: group,
      maxAttempts: 3,
      initialBackoffMs: 10,
    });
    const handler = async (message: IncomingMessage, manager: EntityManager) => {
      // A handler bug for negative amounts: transient from the consumer's view.
      const amount = paymentOf(message).amountCents;
      if (amount < 0 && !bugFixed) throw new Error("refunds are not supported yet");
      await recordEffect(message, manager);
    };
    const seen: string[] = [];
    consumers.push(
      await consumeTopic(ctx.brokers, group, [topic], async (message, consumer) => {
        seen.push(`${message.headers["ce_id"]}:${await reliable.process(message, everyMessage(handler))}`);
        await consumer.commit(message);
      }),
    );
    // Same key: one partition, in this order.
    await send(topic, "k", "before", JSON.stringify({ orderId: "p-before", amountCents: 1 }));
    await send(topic, "k", "not-json", "{oops");
    await send(topic, "k", "refund", JSON.stringify({ orderId: "p-refund", amountCents: -100 }));
    await send(topic, "k", "after", JSON.stringify({ orderId: "p-after", amountCents: 2 }));

    await waitFor(() => seen.length >= 4, { timeoutMs: 60_000, description: "all four messages" });
    expect(seen).toEqual([
      "before:handled",
      "not-json:dead-lettered",
      "refund:dead-lettered",
      "after:handled",
    ]);

    const letters = await listDeadLetters(ctx.brokers, group);
    expect(letters.map((letter) => [letter.messageId, letter.attempts])).toEqual([
      ["not-json", "1"],
      ["refund", "3"],
    ]);
    const [raw] = await readTopicToEnd(ctx.brokers, deadLetterTopicOf(group));
    expect(raw?.headers[DEAD_LETTER_HEADERS.originalTopic]).toBe(topic);
    expect(raw?.headers[DEAD_LETTER_HEADERS.error]).toMatch(/SyntaxError/);

    bugFixed = true;
    const refund = letters.find((letter) => letter.messageId === "refund")!;
    expect(await replayDeadLetters(ctx.brokers, kafka, group, [`${refund.partition}:${refund.offset}`])).toBe(
      1,
    );
    await waitFor(() => seen.includes("refund:handled"), {
      timeoutMs: 60_000,
      description: "the replayed message",
    });
    expect(await effectsOf("p-refund")).toBe(1);
    expect(await effectsOf("p-after")).toBe(1);
  });
});
