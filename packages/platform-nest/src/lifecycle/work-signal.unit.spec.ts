import { describe, expect, it } from "vitest";
import { WorkSignal } from "./work-signal";

const settledWithin = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe("WorkSignal", () => {
  it("given a waiter, when notified, then it wakes before its timeout", async () => {
    const signal = new WorkSignal();
    const waiter = signal.subscribe();
    const waiting = waiter.wait(60_000);
    signal.notify();
    expect(await settledWithin(waiting, 1_000)).toBe(true);
  });

  it("given a notice while the waiter was busy, when it waits next, then it returns at once", async () => {
    const signal = new WorkSignal();
    const waiter = signal.subscribe();
    signal.notify();
    expect(await settledWithin(waiter.wait(60_000), 1_000)).toBe(true);
    // The notice was used up: the next wait sleeps until its timeout.
    expect(await settledWithin(waiter.wait(60_000), 50)).toBe(false);
  });

  it("given two waiters, when notified once, then both wake", async () => {
    const signal = new WorkSignal();
    const [a, b] = [signal.subscribe(), signal.subscribe()];
    const waiting = Promise.all([a.wait(60_000), b.wait(60_000)]).then(() => undefined);
    signal.notify();
    expect(await settledWithin(waiting, 1_000)).toBe(true);
  });

  it("given a notice, then the wait says it was notified", async () => {
    const signal = new WorkSignal();
    const waiter = signal.subscribe();
    signal.notify();
    expect(await waiter.wait(60_000)).toBe(true);
    expect(await waiter.wait(1)).toBe(false);
  });

  it("given no notice, then a wait ends after its timeout, or when interrupted", async () => {
    const signal = new WorkSignal();
    const waiter = signal.subscribe();
    expect(await settledWithin(waiter.wait(10), 1_000)).toBe(true);
    const waiting = waiter.wait(60_000);
    waiter.interrupt();
    expect(await settledWithin(waiting, 1_000)).toBe(true);
  });
});

describe("WorkSignal with subjects", () => {
  it("given a waiter for some subjects, when a notice names only others, then it keeps waiting", async () => {
    const signal = new WorkSignal();
    const waiter = signal.subscribe({ subjects: new Set(["OrderPlaced"]) });
    signal.notify(["CartItemAdded", "StockReserved"]);
    expect(await waiter.wait(1)).toBe(false);
  });

  it("given a waiter for some subjects, when a notice names one of them, then it wakes", async () => {
    const signal = new WorkSignal();
    const waiter = signal.subscribe({ subjects: new Set(["OrderPlaced"]) });
    const waiting = waiter.wait(60_000);
    signal.notify(["StockReserved", "OrderPlaced"]);
    expect(await settledWithin(waiting, 1_000)).toBe(true);
  });

  it("given a notice naming no subject, then waiters for subjects and for everything wake", async () => {
    const signal = new WorkSignal();
    const some = signal.subscribe({ subjects: new Set(["OrderPlaced"]) });
    const every = signal.subscribe();
    signal.notify();
    signal.notify(["StockReserved"]);
    expect(await some.wait(1)).toBe(true);
    expect(await every.wait(1)).toBe(true);
  });
});

describe("WorkSignal with a minimum interval between wakes", () => {
  const paced = () => {
    let clock = 1_000;
    const signal = new WorkSignal();
    const waiter = signal.subscribe({ minIntervalMs: 400, now: () => clock });
    return { signal, waiter, advance: (ms: number) => (clock += ms) };
  };
  // A wake right after another: the second is held for the interval. The
  // interval is long against the checks below, so a stalled event loop on a
  // busy machine cannot let it run out between them.
  const heldWake = async () => {
    const { signal, waiter } = paced();
    signal.notify();
    await waiter.wait(60_000);
    signal.notify();
    return { signal, waiter, held: waiter.wait(60_000) };
  };

  it("given a quiet waiter, when notified, then it wakes at once", async () => {
    const { signal, waiter } = paced();
    signal.notify();
    expect(await settledWithin(waiter.wait(60_000), 20)).toBe(true);
  });

  it("given a wake moments ago, when notified again, then it wakes only once the interval is over", async () => {
    const { signal, waiter, held } = await heldWake();
    expect(await settledWithin(held, 15)).toBe(false);
    // More notices while held change nothing: one round will take them all.
    signal.notify();
    expect(await settledWithin(held, 5)).toBe(false);
    expect(await settledWithin(held, 1_000)).toBe(true);
    expect(await settledWithin(waiter.wait(60_000), 60)).toBe(false);
  });

  it("given the interval has passed since the last wake, when notified, then it wakes at once", async () => {
    const { signal, waiter, advance } = paced();
    signal.notify();
    await waiter.wait(60_000);
    advance(400);
    signal.notify();
    expect(await settledWithin(waiter.wait(60_000), 20)).toBe(true);
  });

  it("given a held wake, when interrupted, then it ends at once", async () => {
    const { waiter, held } = await heldWake();
    waiter.interrupt();
    expect(await settledWithin(held, 10)).toBe(true);
  });
});
