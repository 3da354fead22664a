import {
  CommitStockV1,
  ReleaseStockV1,
  ReserveStockV1,
  StockCommittedV1,
  StockRejectedV1,
  StockReleasedV1,
  StockReservedV1,
  type KafkaRecord,
} from "@peakshop/contracts";
import { deadLetterTopicOf } from "@peakshop/eventsourcing";
import { KafkajsAdapter, readTopic } from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { InventoryConfig } from "../src/app";
import {
  inventoryConfig,
  putProduct,
  startInventory,
  type RunningInventory,
} from "./support/inventory-service";
import { allStockEventsOf, commandRecord, stockEventsOf } from "./support/stock-messages";

// The service in-process, driven through Kafka as the order saga will drive it.

const ctx = testContext(inject("peakshopInfrastructure"));

describe("inventory service: stock commands over Kafka", () => {
  let config: InventoryConfig;
  let service: RunningInventory | undefined;
  let kafka: KafkajsAdapter;
  let db: Client;

  beforeAll(async () => {
    config = await inventoryConfig(ctx, { RESERVATION_SWEEP_INTERVAL_MS: "200" });
    service = await startInventory(config);
    kafka = new KafkajsAdapter({
      brokers: ctx.brokers,
      clientId: ctx.uniqueName("saga"),
      service: "test",
      logLevel: "warn",
    });
    db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    for (const [sku, stock] of [
      ["PHONE", 10],
      ["CASE", 4],
    ] as const) {
      const response = await putProduct(service.url, sku, {
        name: sku,
        priceCents: 1000,
        currency: "EUR",
        stock,
      });
      expect(response.status).toBe(201);
    }
  });

  afterAll(async () => {
    await Promise.allSettled([service?.app.close(), kafka?.close(), db?.end()]);
  });

  const send = (...records: KafkaRecord[]) => kafka.publish(records);
  const holdUntilIn = (ms: number) => new Date(Date.now() + ms).toISOString();
  const available = async (sku: string) =>
    ((await (await fetch(`${service!.url}/v1/products/${sku}`)).json()) as { available: number }).available;
  /** Every given command is in the inbox and every resulting message has left the outbox. */
  const settled = (...records: KafkaRecord[]) =>
    waitFor(
      async () => {
        const ids = records.map((record) => record.headers["ce_id"]);
        const inbox = await db.query(`SELECT count(*)::int AS n FROM es_inbox WHERE message_id = ANY($1)`, [
          ids,
        ]);
        const outbox = await db.query(`SELECT count(*)::int AS n FROM es_outbox`);
        return inbox.rows[0].n === new Set(ids).size && outbox.rows[0].n === 0;
      },
      { timeoutMs: 60_000, description: "the commands to be handled and their answers published" },
    );

  it("reserves, then commits: the items are sold", async () => {
    const orderId = randomUUID();
    const holdUntil = holdUntilIn(15 * 60_000);
    const items = [
      { sku: "PHONE", quantity: 2 },
      { sku: "CASE", quantity: 1 },
    ];
    await send(commandRecord(ReserveStockV1, { orderId, items, holdUntil }));
    const [reserved] = await stockEventsOf(ctx.brokers, orderId, 1);
    expect(reserved).toMatchObject({
      type: StockReservedV1.type,
      source: "peakshop/inventory",
      correlationId: orderId,
      streamId: `reservation-${orderId}`,
      streamVersion: 1,
      data: { orderId, items, holdUntil },
    });
    expect(await available("PHONE")).toBe(8);

    await send(commandRecord(CommitStockV1, { orderId }));
    const events = await stockEventsOf(ctx.brokers, orderId, 2);
    expect(events.map((event) => event.type)).toEqual([StockReservedV1.type, StockCommittedV1.type]);
    expect(events[1]).toMatchObject({ streamVersion: 2, causationId: expect.any(String) });
    expect(await available("PHONE")).toBe(8);
  });

  it("rejects an order it cannot cover in full and holds nothing", async () => {
    const orderId = randomUUID();
    const items = [
      { sku: "PHONE", quantity: 1 },
      { sku: "CASE", quantity: 9 },
      { sku: "NOPE", quantity: 1 },
    ];
    await send(commandRecord(ReserveStockV1, { orderId, items, holdUntil: holdUntilIn(60_000) }));
    const [rejected] = await stockEventsOf(ctx.brokers, orderId, 1);
    expect(rejected).toMatchObject({
      type: StockRejectedV1.type,
      data: {
        unavailable: [
          { sku: "CASE", requested: 9, available: 3 },
          { sku: "NOPE", requested: 1, available: 0 },
        ],
      },
    });
    expect(await available("PHONE")).toBe(8);
  });

  it("a redelivered or repeated command has no second effect", async () => {
    const orderId = randomUUID();
    const reserve = commandRecord(ReserveStockV1, {
      orderId,
      items: [{ sku: "PHONE", quantity: 3 }],
      holdUntil: holdUntilIn(15 * 60_000),
    });
    const release = commandRecord(ReleaseStockV1, { orderId, reason: "payment-declined" });
    const again = commandRecord(ReserveStockV1, {
      orderId,
      items: [{ sku: "PHONE", quantity: 1 }],
      holdUntil: holdUntilIn(60_000),
    });
    // Same key, so all of them land on one partition, in this order.
    await send(reserve, reserve, again);
    await settled(reserve, again);
    expect(await available("PHONE")).toBe(5);
    const releaseAgain = commandRecord(ReleaseStockV1, { orderId, reason: "cancelled-by-customer" });
    await send(release, release, releaseAgain);
    await settled(reserve, again, release, releaseAgain);
    const events = await allStockEventsOf(ctx.brokers, orderId);
    expect(events.map((event) => event.type)).toEqual([StockReservedV1.type, StockReleasedV1.type]);
    expect(events[1]?.data).toMatchObject({ reason: "payment-declined" });
    expect(await available("PHONE")).toBe(8);
  });

  it("releases a hold when holdUntil passes; a later commit takes the items again while they are on sale", async () => {
    const orderId = randomUUID();
    await send(
      commandRecord(ReserveStockV1, {
        orderId,
        items: [{ sku: "CASE", quantity: 2 }],
        holdUntil: holdUntilIn(1_000),
      }),
    );
    const events = await stockEventsOf(ctx.brokers, orderId, 2);
    expect(events.map((event) => event.type)).toEqual([StockReservedV1.type, StockReleasedV1.type]);
    expect(events[1]?.data).toMatchObject({ reason: "hold-expired" });
    expect(await available("CASE")).toBe(3);

    const commit = commandRecord(CommitStockV1, { orderId });
    await send(commit);
    await settled(commit);
    expect((await allStockEventsOf(ctx.brokers, orderId)).map((event) => event.type)).toEqual([
      StockReservedV1.type,
      StockReleasedV1.type,
      StockCommittedV1.type,
    ]);
    expect(await available("CASE")).toBe(1);
  });

  it("dead-letters a malformed command and keeps consuming", async () => {
    const poison = commandRecord(ReserveStockV1, {
      orderId: randomUUID(),
      items: [{ sku: "CASE", quantity: 1 }],
      holdUntil: holdUntilIn(60_000),
    });
    const orderId = randomUUID();
    const next = commandRecord(ReserveStockV1, {
      orderId,
      items: [{ sku: "CASE", quantity: 1 }],
      holdUntil: holdUntilIn(60_000),
    });
    await send({ ...poison, value: JSON.stringify({ orderId: "not-a-uuid" }) }, next);
    await stockEventsOf(ctx.brokers, orderId, 1);
    const letters = await readTopic(
      ctx.brokers,
      deadLetterTopicOf("inventory"),
      (records) => records.some((record) => record.headers["ce_id"] === poison.headers["ce_id"]),
      60_000,
    );
    expect(letters.some((record) => record.headers["ce_id"] === poison.headers["ce_id"])).toBe(true);
  });

  it("releases holds that fell due while no instance ran, once it is back", async () => {
    const orderId = randomUUID();
    const holdUntil = holdUntilIn(3_000);
    await send(commandRecord(ReserveStockV1, { orderId, items: [{ sku: "PHONE", quantity: 1 }], holdUntil }));
    await stockEventsOf(ctx.brokers, orderId, 1);
    await service?.app.close();
    service = undefined;
    // The hold falls due while the service is down.
    await waitFor(() => Date.now() > Date.parse(holdUntil) + 500, {
      timeoutMs: 10_000,
      description: "holdUntil to pass",
    });
    service = await startInventory(config);
    const events = await stockEventsOf(ctx.brokers, orderId, 2);
    expect(events[1]).toMatchObject({ type: StockReleasedV1.type, data: { reason: "hold-expired" } });
  });
});
