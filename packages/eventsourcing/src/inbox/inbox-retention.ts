import type { DataSource } from "typeorm";

/**
 * Deletes up to `limit` inbox records handled before `handledBefore`; returns
 * how many. An inbox record only has to outlive every redelivery of its
 * message, and Kafka cannot redeliver a message older than its topic's
 * retention: past that the record is dead weight in the consumer's hot index.
 */
export async function purgeInbox(
  dataSource: DataSource,
  handledBefore: Date,
  limit: number,
): Promise<number> {
  const rows: unknown[] = await dataSource.query(
    `DELETE FROM es_inbox WHERE ctid = ANY(ARRAY(
       SELECT ctid FROM es_inbox WHERE handled_at < $1 ORDER BY handled_at LIMIT $2))
     RETURNING 1`,
    [handledBefore, limit],
  );
  return Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
}
