import { Logger } from "@nestjs/common";
import type { DataSource, EntityManager } from "typeorm";

type Callback = () => void;

const waiting = new WeakMap<EntityManager, Callback[]>();
const logger = new Logger("AfterCommit");

/**
 * `dataSource.transaction(work)`, then the callbacks queued with `afterCommit`
 * during it. Metrics and notices that must not count a rolled-back write go
 * there: a transaction that throws drops its callbacks.
 */
export async function transactionWithAfterCommit<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const callbacks: Callback[] = [];
  const result = await dataSource.transaction((manager) => {
    waiting.set(manager, callbacks);
    return work(manager);
  });
  runAll(callbacks);
  return result;
}

/**
 * Runs `callback` once the transaction of `manager` has committed. Only
 * transactions started by transactionWithAfterCommit (handleOnce, handleCommand)
 * know when that is; any other is a programming error, reported at once.
 */
export function afterCommit(manager: EntityManager, callback: Callback): void {
  const callbacks = waiting.get(manager);
  if (!callbacks) throw new Error("afterCommit needs a transaction started by transactionWithAfterCommit");
  callbacks.push(callback);
}

/** Like afterCommit, for optional work: nothing is queued in a transaction that does not track its commit. */
export function afterCommitIfTracked(manager: EntityManager, callback: Callback): void {
  waiting.get(manager)?.push(callback);
}

/** Runs callbacks of work already committed: one that throws cannot undo it, so it is only logged. */
export function runAll(callbacks: readonly Callback[]): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      logger.error({ err: error }, "a callback after commit failed");
    }
  }
}
