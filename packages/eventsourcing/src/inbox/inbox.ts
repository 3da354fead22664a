import type { DataSource, EntityManager } from "typeorm";
import { transactionWithAfterCommit } from "../store/after-commit";

export type InboxOutcome = "handled" | "duplicate";

/**
 * Runs `effect` at most once per (consumer, message id): the id is recorded in
 * the same transaction as the effect, so a redelivered message finds it and
 * changes nothing. Two copies arriving at once serialize on the primary key.
 * Work queued with afterCommit inside `effect` runs once it committed.
 */
export async function handleOnce(
  dataSource: DataSource,
  consumer: string,
  messageId: string,
  effect: (manager: EntityManager) => Promise<void>,
): Promise<InboxOutcome> {
  return transactionWithAfterCommit(dataSource, async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO es_inbox (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [consumer, messageId],
    );
    if (inserted.length === 0) return "duplicate";
    await effect(manager);
    return "handled";
  });
}
