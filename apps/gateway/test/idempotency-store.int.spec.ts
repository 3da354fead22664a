import { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PostgresIdempotencyStore } from "../src/adapters/persistence/postgres-idempotency.store";
import { GATEWAY_MIGRATIONS } from "../src/app";

const ctx = testContext(inject("peakshopInfrastructure"));
const HOUR = 3_600_000;

describe("Idempotency-Keys in PostgreSQL", () => {
  let dataSource: DataSource;
  let store: PostgresIdempotencyStore;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: "postgres",
      url: await ctx.createDatabase(ctx.uniqueName("gateway")),
      migrations: GATEWAY_MIGRATIONS,
      extra: { max: 20 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    store = new PostgresIdempotencyStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const ref = () => ({ customerId: `c-${randomUUID()}`, key: randomUUID() });

  it("lets exactly one of many concurrent claims of a key win", async () => {
    const key = ref();
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.claim(key, "hash", now, new Date(now.getTime() - HOUR))),
    );
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
  });

  it("keeps the first answer until the key expires, then lets the key start over", async () => {
    const key = ref();
    const dayAgo = new Date(Date.now() - 25 * HOUR);
    const first = await store.claim(key, "first", dayAgo, new Date(dayAgo.getTime() - 24 * HOUR));
    if (!first.claimed) throw new Error("the first claim must win");
    await store.complete(key, first.token, { status: 202, body: { orderId: "o-1" } });

    const now = new Date();
    const withinTtl = await store.claim(key, "second", now, new Date(now.getTime() - 48 * HOUR));
    expect(withinTtl).toMatchObject({ claimed: false, record: { requestHash: "first" } });
    expect(withinTtl.claimed ? undefined : withinTtl.record.response).toEqual({
      status: 202,
      body: { orderId: "o-1" },
    });

    expect(await store.claim(key, "second", now, new Date(now.getTime() - 24 * HOUR))).toEqual({
      claimed: true,
      token: now,
    });
  });

  it("lets an attempt whose key was taken over neither complete nor release the new holder's claim", async () => {
    const key = ref();
    const stalled = new Date(Date.now() - 60_000);
    const first = await store.claim(key, "h", stalled, new Date(0));
    if (!first.claimed) throw new Error("the first claim must win");
    const now = new Date();
    const second = await store.takeOver(key, new Date(now.getTime() - 30_000), now);
    expect(second).toEqual(now);

    await store.release(key, first.token);
    await store.complete(key, first.token, { status: 202, body: { from: "the stalled attempt" } });
    const held = await store.claim(key, "h", new Date(), new Date(0));
    expect(held).toMatchObject({ claimed: false, record: { response: null } });

    await store.complete(key, second!, { status: 202, body: { from: "the holder" } });
    const done = await store.claim(key, "h", new Date(), new Date(0));
    expect(done).toMatchObject({ claimed: false, record: { response: { body: { from: "the holder" } } } });
  });

  it("purges only expired keys, in bounded batches", async () => {
    const expiredBefore = new Date(Date.now() - 24 * HOUR);
    const old = new Date(expiredBefore.getTime() - HOUR);
    const oldKeys = Array.from({ length: 5 }, ref);
    for (const key of oldKeys) await store.claim(key, "h", old, new Date(0));
    const fresh = ref();
    await store.claim(fresh, "h", new Date(), new Date(0));

    const purged: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const deleted = await store.purgeExpired(expiredBefore, 2);
      purged.push(deleted);
      if (deleted === 0) break;
    }
    expect(purged.every((deleted) => deleted <= 2)).toBe(true);
    expect(purged.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(oldKeys.length);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM idempotency_keys WHERE created_at < $1`,
      [expiredBefore],
    );
    expect(count).toBe(0);
    const remaining = await store.claim(fresh, "h", new Date(), new Date(0));
    expect(remaining.claimed).toBe(false);
  });
});
