import { testContext } from "@peakshop/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { handleCommandOnce, PostgresEventStore, type Decider } from "../src/index";
import {
  counterCodec,
  type CounterCommand,
  type CounterEvent,
  type CounterState,
} from "./support/counter.decider";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

// A counter that refuses to pass 3, so that a refusal can be told from a duplicate.
const capped: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { total: 0 },
  decide: (command, state) => {
    if (state.total + command.by > 3) throw new Error(`a total of ${state.total + command.by} is over 3`);
    return [{ type: "Incremented", by: command.by, total: state.total + command.by }];
  },
  evolve: (state, event) => ({ total: state.total + event.by }),
};

describe("a consumed message's command in one statement (handleCommandOnce)", () => {
  let dataSource: DataSource;
  let store: PostgresEventStore;
  const inboxOf = (messageId: string) => ({ consumer: "counting", messageId });
  const alsoWrite = (result: { version: number; state: CounterState }) => [
    {
      text: `INSERT INTO totals (stream_id, total) VALUES ($1, $2)
             ON CONFLICT (stream_id) DO UPDATE SET total = EXCLUDED.total`,
      values: [`counter-${result.version}`, result.state.total],
    },
  ];
  const increment = (streamId: string, messageId: string, by = 1) =>
    handleCommandOnce(dataSource, capped, streamId, { type: "Increment", by }, inboxOf(messageId), {
      ...counterCodec,
      alsoWrite,
    });

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx);
    store = new PostgresEventStore(dataSource);
    await dataSource.query(`CREATE TABLE totals (stream_id text PRIMARY KEY, total int NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const inboxHolds = async (messageId: string) =>
    (await dataSource.query(`SELECT 1 FROM es_inbox WHERE message_id = $1`, [messageId])).length === 1;

  it("records the message, the events and the extra writes together, and a redelivery writes nothing", async () => {
    expect(await increment("c-1", "m-1")).toBe("handled");
    // The decider would decide again (the counter always counts): only the inbox stops it.
    expect(await increment("c-1", "m-1")).toBe("duplicate");
    expect((await store.readStream("c-1")).version).toBe(1);
    expect(await inboxHolds("m-1")).toBe(true);
    expect(await dataSource.query(`SELECT total FROM totals WHERE stream_id = 'counter-1'`)).toEqual([
      { total: 1 },
    ]);
  });

  it("hands a refused command back untouched, for the inbox transaction to tell a refusal from a duplicate", async () => {
    expect(await increment("c-2", "m-2", 3)).toBe("handled");
    expect(await increment("c-2", "m-3", 1)).toBeUndefined();
    expect(await inboxHolds("m-3")).toBe(false);
    expect((await store.readStream("c-2")).version).toBe(1);
  });

  it("decides again on a fresh read when another writer moved the stream on", async () => {
    expect(await increment("c-3", "m-4")).toBe("handled");
    // Another process appends: this process's cached state is now behind.
    await store.append("c-3", 1, [counterCodec.toStored({ type: "Incremented", by: 1, total: 2 })]);
    expect(await increment("c-3", "m-5")).toBe("handled");
    const stream = await store.readStream("c-3");
    expect(stream.events.map((event) => (event.data as { total: number }).total)).toEqual([1, 2, 3]);
  });

  it("handles each of many concurrent copies of a message exactly once", async () => {
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => increment("c-4", "m-6")));
    expect(outcomes.filter((outcome) => outcome === "handled")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(7);
    expect((await store.readStream("c-4")).version).toBe(1);
  });
});
