import { testContext } from "@peakshop/testing";
import type { DataSource, EntityManager } from "typeorm";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import {
  handleCommand,
  PostgresEventStore,
  transactionWithAfterCommit,
  type Decider,
  type NewEvent,
  type RecordedEvent,
} from "../src/index";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

// A tab that can be closed only once something is on it: "close" decides
// nothing on an empty tab, which is what a state behind the store could wrongly say.
type TabCommand = { type: "Add"; amount: number } | { type: "Refund"; amount: number } | { type: "Close" };
type TabEvent = { type: "Added"; amount: number } | { type: "Refunded"; amount: number } | { type: "Closed" };
type TabState = { total: number; closed: boolean };

const tab: Decider<TabCommand, TabEvent, TabState> = {
  initialState: { total: 0, closed: false },
  decide: (command, state) => {
    if (command.type === "Add") return [{ type: "Added", amount: command.amount }];
    if (command.type === "Refund") {
      if (command.amount > state.total) throw new Error(`cannot refund ${command.amount} of ${state.total}`);
      return [{ type: "Refunded", amount: command.amount }];
    }
    return state.total > 0 && !state.closed ? [{ type: "Closed" }] : [];
  },
  evolve: (state, event) => {
    if (event.type === "Closed") return { ...state, closed: true };
    return { ...state, total: state.total + (event.type === "Added" ? event.amount : -event.amount) };
  },
};

const tabCodec = {
  toStored: (event: TabEvent): NewEvent => ({ type: event.type, data: event }),
  fromStored: (event: RecordedEvent): TabEvent => event.data as TabEvent,
};

describe("stream state cache", () => {
  let dataSource: DataSource;
  let store: PostgresEventStore;
  // Inside the caller's transaction when given its manager, as a consumer runs it.
  const run = (streamId: string, command: TabCommand, manager?: EntityManager) =>
    handleCommand(dataSource, tab, streamId, command, { ...tabCodec, manager });

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx, 5);
    store = new PostgresEventStore(dataSource);
  });

  afterEach(() => vi.restoreAllMocks());

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it("reads a stream once while this process alone writes it", async () => {
    const reads = vi.spyOn(PostgresEventStore.prototype, "readStream");
    for (let i = 0; i < 5; i++) await run("tab-alone", { type: "Add", amount: 1 });
    const closed = await run("tab-alone", { type: "Close" });
    expect(closed.state).toEqual({ total: 5, closed: true });
    expect(closed.version).toBe(6);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("decides again on the stored stream when another writer appended in between", async () => {
    await run("tab-shared", { type: "Add", amount: 1 });
    // Another process's append, which this process's cache cannot know of.
    await store.append("tab-shared", 1, [tabCodec.toStored({ type: "Added", amount: 10 })]);
    const result = await run("tab-shared", { type: "Add", amount: 100 });
    expect(result.state.total).toBe(111);
    expect(result.version).toBe(3);
    const stream = await store.readStream("tab-shared");
    expect(stream.events.map((event) => event.data)).toEqual([
      { type: "Added", amount: 1 },
      { type: "Added", amount: 10 },
      { type: "Added", amount: 100 },
    ]);
  });

  it("takes a decision to do nothing on the stored stream, not on a state that may be behind it", async () => {
    const nothing = await run("tab-behind", { type: "Close" });
    expect(nothing.events).toEqual([]);
    await store.append("tab-behind", 0, [tabCodec.toStored({ type: "Added", amount: 5 })]);
    // The cache says the tab is empty (nothing to close); the store says otherwise.
    const closed = await run("tab-behind", { type: "Close" });
    expect(closed.events).toEqual([{ type: "Closed" }]);
    expect(closed.version).toBe(2);
  });

  it("takes a refusal on the stored stream, not on a state that may be behind it", async () => {
    await run("tab-refused", { type: "Add", amount: 1 });
    await store.append("tab-refused", 1, [tabCodec.toStored({ type: "Added", amount: 10 })]);
    // The cache says 1 is on the tab, too little to refund 5; the store says 11.
    const refunded = await run("tab-refused", { type: "Refund", amount: 5 });
    expect(refunded.state.total).toBe(6);
    expect(refunded.version).toBe(3);
    await expect(run("tab-refused", { type: "Refund", amount: 7 })).rejects.toThrow(/cannot refund 7 of 6/);
  });

  it("keeps nothing of a transaction that rolled back", async () => {
    await run("tab-rollback", { type: "Add", amount: 1 });
    await expect(
      transactionWithAfterCommit(dataSource, async (manager) => {
        await run("tab-rollback", { type: "Add", amount: 50 }, manager);
        throw new Error("the transaction fails after the command");
      }),
    ).rejects.toThrow(/fails after/);
    const reads = vi.spyOn(PostgresEventStore.prototype, "readStream");
    const result = await run("tab-rollback", { type: "Add", amount: 2 });
    expect(result.state.total).toBe(3);
    expect(result.version).toBe(2);
    // The state committed before the failed transaction was still good to use.
    expect(reads).not.toHaveBeenCalled();
  });

  it("runs several commands on one stream in one transaction, each on the state the one before wrote", async () => {
    await run("tab-batch", { type: "Add", amount: 1 });
    await transactionWithAfterCommit(dataSource, async (manager) => {
      for (const amount of [2, 3, 4]) await run("tab-batch", { type: "Add", amount }, manager);
    });
    const closed = await run("tab-batch", { type: "Close" });
    expect(closed.state).toEqual({ total: 10, closed: true });
    expect(closed.version).toBe(5);
    expect((await store.readStream("tab-batch")).version).toBe(5);
  });
});
