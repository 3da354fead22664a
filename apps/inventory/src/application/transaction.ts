import type { DataSource, EntityManager } from "typeorm";

// deadlock_detected, serialization_failure, unique_violation (two first
// reservations of one order raced; the retry sees the winner's row).
const RETRYABLE = new Set(["40P01", "40001", "23505"]);
const ATTEMPTS = 5;

const isRetryable = (error: unknown) =>
  RETRYABLE.has(String((error as { code?: unknown } | null)?.code ?? ""));

/**
 * Runs `work` in the caller's transaction when given one (the consumer's inbox
 * transaction, which the reliable consumer retries as a whole), else in a
 * transaction of its own, retried a few times when PostgreSQL aborted it for
 * a deadlock or a lost race: nothing was written then, so a retry is safe.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  manager: EntityManager | undefined,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (manager) return work(manager);
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (!isRetryable(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Where time comes from; tests pass their own. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
