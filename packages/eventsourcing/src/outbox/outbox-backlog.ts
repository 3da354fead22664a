import type { DataSource } from "typeorm";

/**
 * Counting stops here: the outbox is normally near empty (the relay deletes
 * what it publishes), but grows without bound while Kafka is away, and a full
 * count(*) would then scan all of it at every scrape. Reaching the cap already
 * says all an operator needs: the relay is not keeping up.
 */
export const OUTBOX_COUNT_CAP = 100_000;

/** Rows waiting in es_outbox, up to OUTBOX_COUNT_CAP. */
export async function countPendingOutbox(dataSource: DataSource, cap = OUTBOX_COUNT_CAP): Promise<number> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS pending FROM (SELECT 1 FROM es_outbox LIMIT $1) capped`,
    [cap],
  )) as { pending: number }[];
  return row?.pending ?? 0;
}
