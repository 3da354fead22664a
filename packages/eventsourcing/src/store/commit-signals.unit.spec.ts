import { WorkSignal } from "@peakshop/platform-nest";
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from "typeorm";
import { describe, expect, it } from "vitest";
import { notifyOnCommit } from "./commit-signals";

// The least of TypeORM a transaction needs here: a runner that reports its commit to subscribers.
function transaction() {
  const connection = { subscribers: [] as EntitySubscriberInterface[] } as unknown as DataSource;
  const queryRunner: { -readonly [K in keyof QueryRunner]: QueryRunner[K] } = {
    isTransactionActive: true,
  } as QueryRunner;
  const manager = { connection, queryRunner } as unknown as EntityManager;
  const commit = () => {
    queryRunner.isTransactionActive = false;
    for (const subscriber of connection.subscribers)
      subscriber.afterTransactionCommit?.({ queryRunner } as never);
  };
  const rollback = () => {
    queryRunner.isTransactionActive = false;
    for (const subscriber of connection.subscribers)
      subscriber.afterTransactionRollback?.({ queryRunner } as never);
  };
  return { manager, commit, rollback };
}

describe("notifyOnCommit", () => {
  it("given writes in a transaction, when it commits, then one notice names every subject written", async () => {
    const signal = new WorkSignal();
    const placed = signal.subscribe({ subjects: new Set(["OrderPlaced"]) });
    const tx = transaction();
    notifyOnCommit(tx.manager, signal, ["StockReserved"]);
    notifyOnCommit(tx.manager, signal, ["OrderPlaced"]);
    expect(await placed.wait(1)).toBe(false);
    tx.commit();
    expect(await placed.wait(1)).toBe(true);
  });

  it("given a write naming no subject in the transaction, when it commits, then every waiter wakes", async () => {
    const signal = new WorkSignal();
    const placed = signal.subscribe({ subjects: new Set(["OrderPlaced"]) });
    const tx = transaction();
    notifyOnCommit(tx.manager, signal, ["StockReserved"]);
    notifyOnCommit(tx.manager, signal);
    tx.commit();
    expect(await placed.wait(1)).toBe(true);
  });

  it("given a transaction rolled back, then nobody is notified", async () => {
    const signal = new WorkSignal();
    const every = signal.subscribe();
    const tx = transaction();
    notifyOnCommit(tx.manager, signal, ["OrderPlaced"]);
    tx.rollback();
    expect(await every.wait(1)).toBe(false);
  });

  it("given a write outside a transaction, then it notifies at once", async () => {
    const signal = new WorkSignal();
    const placed = signal.subscribe({ subjects: new Set(["OrderPlaced"]) });
    notifyOnCommit(undefined, signal, ["OrderPlaced"]);
    expect(await placed.wait(1)).toBe(true);
  });
});
