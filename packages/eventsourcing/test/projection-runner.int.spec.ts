import { testContext, waitFor } from "@peakshop/testing";
import type { DataSource, EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PostgresEventStore, ProjectionRunner, type Projection, type RecordedEvent } from "../src/index";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

// Read model under test: totals per stream, fed only by "Added" events.
const totals: Projection = {
  name: "totals",
  handles: ["Added"],
  async apply(event: RecordedEvent, manager: EntityManager) {
    await manager.query(
      `INSERT INTO totals (stream_id, total, events) VALUES ($1, $2, 1)
       ON CONFLICT (stream_id) DO UPDATE SET total = totals.total + EXCLUDED.total, events = totals.events + 1`,
      [event.streamId, (event.data as { n: number }).n],
    );
  },
  async reset(manager: EntityManager) {
    await manager.query(`TRUNCATE totals`);
  },
};

describe("projections", () => {
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx);
    await dataSource.query(
      `CREATE TABLE totals (stream_id text PRIMARY KEY, total int NOT NULL, events int NOT NULL)`,
    );
    store = new PostgresEventStore(dataSource);
    runner = new ProjectionRunner(dataSource, [totals], { batchSize: 7 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const totalOf = async (streamId: string) =>
    (
      (await dataSource.query(`SELECT total, events FROM totals WHERE stream_id = $1`, [streamId])) as {
        total: number;
        events: number;
      }[]
    )[0];

  it("catches up from its checkpoint in batches and reads only the events it handles", async () => {
    for (let i = 1; i <= 20; i++) {
      await store.append("a", "any", [
        { type: "Added", data: { n: i } },
        { type: "Ignored", data: {} },
      ]);
    }
    expect(await runner.catchUp(totals)).toBe(40);
    expect(await totalOf("a")).toEqual({ total: 210, events: 20 });
    await store.append("a", "any", [{ type: "Added", data: { n: 5 } }]);
    expect(await runner.catchUp(totals)).toBe(1);
    expect(await totalOf("a")).toEqual({ total: 215, events: 21 });
  });

  it("does not skip an event whose transaction commits after later ones were projected", async () => {
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await store.append("late", "any", [{ type: "Added", data: { n: 100 } }], { manager: slow.manager });
    await store.append("early", "any", [{ type: "Added", data: { n: 1 } }]);

    // While the slow transaction is open, nothing after it may be projected.
    await runner.catchUp(totals);
    expect(await totalOf("early")).toBeUndefined();

    await slow.commitTransaction();
    await slow.release();
    await runner.catchUp(totals);
    expect(await totalOf("late")).toEqual({ total: 100, events: 1 });
    expect(await totalOf("early")).toEqual({ total: 1, events: 1 });
  });

  it("rebuilds from the event store to the same read model", async () => {
    const before = await dataSource.query(`SELECT * FROM totals ORDER BY stream_id`);
    await dataSource.query(`UPDATE totals SET total = -1`); // a corrupted read model
    await runner.rebuild(totals);
    expect(await dataSource.query(`SELECT * FROM totals ORDER BY stream_id`)).toEqual(before);
  });

  it("lets two runners share a projection without applying an event twice", async () => {
    for (let i = 0; i < 30; i++) await store.append("shared", "any", [{ type: "Added", data: { n: 1 } }]);
    const other = new ProjectionRunner(dataSource, [totals], { batchSize: 3 });
    await Promise.all([runner.catchUp(totals), other.catchUp(totals), runner.catchUp(totals)]);
    expect(await totalOf("shared")).toEqual({ total: 30, events: 30 });
  });

  it("is woken by appends of the types it handles, not by others", async () => {
    await runner.catchUp(totals);
    const checkpoint = async () =>
      (
        (await dataSource.query(
          `SELECT global_position FROM es_projection_checkpoints WHERE projection = 'totals'`,
        )) as { global_position: string }[]
      )[0]?.global_position;
    // Its first fallback poll 3 s away: until then only a wake can move it.
    const live = new ProjectionRunner(dataSource, [totals], { minIdleDelayMs: 3_000 });
    live.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500)); // its first round, at start
      const before = await checkpoint();
      await store.append("woken", "any", [{ type: "Ignored", data: {} }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await checkpoint()).toBe(before);

      await store.append("woken", "any", [{ type: "Added", data: { n: 7 } }]);
      await waitFor(async () => (await totalOf("woken"))?.total === 7, { timeoutMs: 10_000 });
      expect(Number(await checkpoint())).toBeGreaterThan(Number(before));
    } finally {
      await live.stop();
    }
  });

  describe("an inline projection", () => {
    // Kept by its writer in the append's transaction; the runner only rebuilds it.
    const addInline = async (manager: EntityManager, streamId: string, n: number) =>
      manager.query(
        `INSERT INTO inline_totals (stream_id, total) VALUES ($1, $2)
         ON CONFLICT (stream_id) DO UPDATE SET total = inline_totals.total + EXCLUDED.total`,
        [streamId, n],
      );
    const inlineTotals: Projection = {
      name: "inline-totals",
      mode: "inline",
      handles: ["Added"],
      apply: (event, manager) => addInline(manager, event.streamId, (event.data as { n: number }).n),
      reset: async (manager) => void (await manager.query(`TRUNCATE inline_totals`)),
    };
    const inlineTotalOf = async (streamId: string) =>
      (
        (await dataSource.query(`SELECT total FROM inline_totals WHERE stream_id = $1`, [streamId])) as {
          total: number;
        }[]
      )[0]?.total;
    const openWriter = async () => {
      const writer = dataSource.createQueryRunner();
      await writer.connect();
      await writer.startTransaction();
      return writer;
    };

    beforeAll(async () => {
      await dataSource.query(`CREATE TABLE inline_totals (stream_id text PRIMARY KEY, total int NOT NULL)`);
    });

    it("is not fed by the live runner", async () => {
      const live = new ProjectionRunner(dataSource, [totals, inlineTotals]);
      live.start();
      try {
        await store.append("not-inline", "any", [{ type: "Added", data: { n: 3 } }]);
        await waitFor(async () => (await totalOf("not-inline"))?.total === 3, {
          timeoutMs: 10_000,
          description: "the async projection's round",
        });
        expect(await inlineTotalOf("not-inline")).toBeUndefined();
      } finally {
        await live.stop();
      }
    });

    it("rebuilds every committed event while its writers wait, and writers still running apply theirs after", async () => {
      await dataSource.query(`TRUNCATE inline_totals`);
      const early = await openWriter(); // appended before the rebuild, writes the view after it
      await store.append("rb-early", "any", [{ type: "Added", data: { n: 10 } }], { manager: early.manager });
      const busy = await openWriter(); // has written the view when the rebuild starts
      await store.append("rb-busy", "any", [{ type: "Added", data: { n: 20 } }], { manager: busy.manager });
      await addInline(busy.manager, "rb-busy", 20);

      let rebuilt = false;
      const rebuild = runner.rebuild(inlineTotals).then((count) => {
        rebuilt = true;
        return count;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(rebuilt).toBe(false); // waits for the writer that holds the view
      await busy.commitTransaction();
      await busy.release();
      await rebuild;

      await addInline(early.manager, "rb-early", 10);
      await early.commitTransaction();
      await early.release();
      expect(await inlineTotalOf("rb-busy")).toBe(20);
      expect(await inlineTotalOf("rb-early")).toBe(10);
      expect(await inlineTotalOf("a")).toBe(215);
    });
  });
});
