import type { DataSource, EntityManager } from "typeorm";
import { describe, expect, it } from "vitest";
import { afterCommit, transactionWithAfterCommit } from "./after-commit";

/** A data source whose transactions commit unless their work throws (then they roll back). */
const dataSource = {
  transaction: async <T>(work: (manager: EntityManager) => Promise<T>) => work({} as EntityManager),
} as unknown as DataSource;

describe("afterCommit", () => {
  it("runs queued work after the transaction's work returned, in order", async () => {
    const seen: string[] = [];
    const result = await transactionWithAfterCommit(dataSource, async (manager) => {
      afterCommit(manager, () => seen.push("first"));
      afterCommit(manager, () => seen.push("second"));
      seen.push("work done");
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual(["work done", "first", "second"]);
  });

  it("drops queued work when the transaction rolls back", async () => {
    const seen: string[] = [];
    await expect(
      transactionWithAfterCommit(dataSource, async (manager) => {
        afterCommit(manager, () => seen.push("counted"));
        throw new Error("conflict");
      }),
    ).rejects.toThrow("conflict");
    expect(seen).toEqual([]);
  });

  it("does not let a failing callback undo a commit or stop the others", async () => {
    const seen: string[] = [];
    await transactionWithAfterCommit(dataSource, async (manager) => {
      afterCommit(manager, () => {
        throw new Error("metric broke");
      });
      afterCommit(manager, () => seen.push("still runs"));
    });
    expect(seen).toEqual(["still runs"]);
  });

  it("refuses a transaction that cannot tell when it commits", () => {
    expect(() => afterCommit({} as EntityManager, () => undefined)).toThrow(/transactionWithAfterCommit/);
  });
});
