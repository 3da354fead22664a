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
  const [outcome] = await handleAllOnce(dataSource, consumer, [messageId], (_, manager) => effect(manager));
  return outcome!;
}

/**
 * handleOnce for several messages in ONE transaction: their ids are recorded
 * in one statement and each new one's effect runs in order, so a batch shares
 * its round trips and its commit. All or nothing: if one effect throws, no
 * message of the batch is recorded. A repeated id (a producer retry delivered
 * twice in one batch) is handled once.
 */
export async function handleAllOnce(
  dataSource: DataSource,
  consumer: string,
  messageIds: readonly string[],
  effect: (index: number, manager: EntityManager) => Promise<void>,
): Promise<InboxOutcome[]> {
  return transactionWithAfterCommit(dataSource, async (manager) => {
    const inserted: { message_id: string }[] = await manager.query(
      `INSERT INTO es_inbox (consumer, message_id)
       SELECT $1, id FROM unnest($2::text[]) AS id
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, messageIds],
    );
    const fresh = new Set(inserted.map((row) => row.message_id));
    const outcomes: InboxOutcome[] = [];
    for (const [index, id] of messageIds.entries()) {
      if (!fresh.delete(id)) {
        outcomes.push("duplicate");
        continue;
      }
      await effect(index, manager);
      outcomes.push("handled");
    }
    return outcomes;
  });
}
