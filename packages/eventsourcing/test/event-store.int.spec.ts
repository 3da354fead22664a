import { testContext } from "@peakshop/testing";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ConcurrencyError, handleCommand, PostgresEventStore } from "../src/index";
import { counter, counterCodec } from "./support/counter.decider";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("PostgreSQL event store", () => {
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx, 40);
    store = new PostgresEventStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it("appends with the expected version and reads the stream back in order", async () => {
    const first = await store.append("s-1", 0, [
      { type: "A", data: { n: 1 } },
      { type: "B", data: { n: 2 } },
    ]);
    const second = await store.append("s-1", 2, [{ type: "C", data: { n: 3 } }]);
    expect(first.nextVersion).toBe(2);
    expect(second.nextVersion).toBe(3);
    const stream = await store.readStream("s-1");
    expect(stream.version).toBe(3);
    expect(stream.events.map((event) => [event.streamVersion, event.type])).toEqual([
      [1, "A"],
      [2, "B"],
      [3, "C"],
    ]);
    expect(BigInt(stream.events[2]!.globalPosition)).toBeGreaterThan(
      BigInt(stream.events[0]!.globalPosition),
    );
  });

  it("rejects an append at a version the stream is not at", async () => {
    await store.append("s-2", 0, [{ type: "A", data: {} }]);
    await expect(store.append("s-2", 0, [{ type: "A", data: {} }])).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append("s-2", 5, [{ type: "A", data: {} }])).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append("s-missing", 3, [{ type: "A", data: {} }])).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it("lets exactly one of many concurrent appenders win each version", async () => {
    const writers = 25;
    for (let version = 0; version < 8; version++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, writer) =>
          store.append("contended", version, [{ type: "W", data: { writer } }]),
        ),
      );
      const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
      const lost = outcomes.filter((outcome) => outcome.status === "rejected");
      expect(won).toHaveLength(1);
      expect(
        lost.every((outcome) => outcome.status === "rejected" && outcome.reason instanceof ConcurrencyError),
      ).toBe(true);
    }
    const stream = await store.readStream("contended");
    expect(stream.events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("retries a command after a conflict until every concurrent command is applied once", async () => {
    const commands = 20;
    await Promise.all(
      Array.from({ length: commands }, () =>
        handleCommand(
          dataSource,
          counter,
          "counter-1",
          { type: "Increment", by: 1 },
          { ...counterCodec, maxAttempts: 50 },
        ),
      ),
    );
    const stream = await store.readStream("counter-1");
    expect(stream.version).toBe(commands);
    expect(stream.events.map((event) => (event.data as { total: number }).total)).toEqual(
      Array.from({ length: commands }, (_, i) => i + 1),
    );
  });

  it("gives up after the bounded number of attempts", async () => {
    const racing = Array.from({ length: 10 }, () =>
      handleCommand(
        dataSource,
        counter,
        "counter-2",
        { type: "Increment", by: 1 },
        { ...counterCodec, maxAttempts: 1 },
      ),
    );
    const outcomes = await Promise.allSettled(racing);
    const rejected = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    expect(
      rejected.every(
        (outcome) => outcome.status === "rejected" && outcome.reason instanceof ConcurrencyError,
      ),
    ).toBe(true);
  });

  it("snapshots a long stream and loads from the snapshot", async () => {
    const snapshots = {
      every: 10,
      serialize: (state: { total: number }) => state,
      deserialize: (raw: unknown) => raw as { total: number },
    };
    for (let i = 0; i < 25; i++) {
      await handleCommand(
        dataSource,
        counter,
        "counter-3",
        { type: "Increment", by: 2 },
        { ...counterCodec, snapshots },
      );
    }
    const [snapshot] = await dataSource.query(
      `SELECT version, state FROM es_snapshots WHERE stream_id = 'counter-3'`,
    );
    expect(snapshot).toEqual({ version: 20, state: { total: 40 } });
    // Another process: it has no cached state, so it loads from the snapshot.
    const elsewhere = await new DataSource(dataSource.options).initialize();
    try {
      const result = await handleCommand(
        elsewhere,
        counter,
        "counter-3",
        { type: "Increment", by: 2 },
        { ...counterCodec, snapshots },
      );
      expect(result.state.total).toBe(52);
      expect(result.version).toBe(26);
    } finally {
      await elsewhere.destroy();
    }
  });

  it("writes outbox messages in the same transaction as the events, or not at all", async () => {
    await store.append("s-3", 0, [{ type: "A", data: {} }], {
      outbox: [{ topic: "t", key: "s-3", value: "{}" }],
    });
    await expect(
      store.append("s-3", 0, [{ type: "A", data: {} }], {
        outbox: [{ topic: "t", key: "s-3", value: "lost" }],
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    const rows = await dataSource.query(`SELECT value FROM es_outbox WHERE message_key = 's-3'`);
    expect(rows).toEqual([{ value: "{}" }]);
  });

  it("joins a caller's transaction, with more writes in the append's statement, all or nothing", async () => {
    await dataSource.query(`CREATE TABLE side_effects (stream_id text, version int)`);
    const alsoWrite = (result: { version: number }) => [
      { text: `INSERT INTO side_effects VALUES ('counter-4', $1)`, values: [result.version] },
    ];
    await handleCommand(
      dataSource,
      counter,
      "counter-4",
      { type: "Increment", by: 1 },
      { ...counterCodec, alsoWrite },
    );
    await expect(
      dataSource.transaction(async (manager) => {
        await handleCommand(
          dataSource,
          counter,
          "counter-4",
          { type: "Increment", by: 1 },
          { ...counterCodec, manager, alsoWrite },
        );
        throw new Error("the caller's transaction fails after the command");
      }),
    ).rejects.toThrow(/fails after/);
    expect((await store.readStream("counter-4")).version).toBe(1);
    expect(await dataSource.query(`SELECT version FROM side_effects`)).toEqual([{ version: 1 }]);
  });

  it("writes nothing that goes with an append to a stream at another version, ahead or behind", async () => {
    await dataSource.query(`CREATE TABLE side_notes (note text PRIMARY KEY)`);
    await store.append("s-5", 0, [{ type: "A", data: {} }]);
    const writes = [{ text: `INSERT INTO side_notes VALUES ($1)`, values: ["lost"] }];
    const inbox = { consumer: "test", messageId: "m-5" };
    for (const expected of [0, 2]) {
      await expect(
        store.append("s-5", expected, [{ type: "B", data: {} }], { writes, inbox }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
    }
    expect(await dataSource.query(`SELECT note FROM side_notes`)).toEqual([]);
    expect(await dataSource.query(`SELECT 1 FROM es_inbox WHERE message_id = 'm-5'`)).toEqual([]);
    expect((await store.readStream("s-5")).version).toBe(1);
  });

  it("leaves a failure of an extra write to the caller, not taken for a conflict", async () => {
    await dataSource.query(`CREATE TABLE unique_notes (note text PRIMARY KEY)`);
    await dataSource.query(`INSERT INTO unique_notes VALUES ('taken')`);
    const failed = store.append("s-6", 0, [{ type: "A", data: {} }], {
      writes: [{ text: `INSERT INTO unique_notes VALUES ($1)`, values: ["taken"] }],
    });
    await expect(failed).rejects.toMatchObject({ code: "23505", constraint: "unique_notes_pkey" });
    expect((await store.readStream("s-6")).version).toBe(0);
  });
});
