import type { EntityManager } from "typeorm";
import type { BucketStock, Take } from "../../domain/stock-buckets";
import type { StockCommitments } from "../../domain/stock-level";
import type { Allocation } from "../../application/inventory-store.port";

export type { Allocation };

export interface FreeBucketTake {
  /** The bucket the quantity was taken from, or null when no free bucket had it. */
  bucket: number | null;
  /** The SKU's available total and the buckets that could cover the quantity, as of the statement's snapshot. */
  total: number;
  covering: number[];
}

// Takes the quantity from one randomly chosen bucket that has it and that no
// one else holds (SKIP LOCKED: never waits), and reports the SKU's total from
// the same statement, so the common cases (taken / sold out) cost one round trip.
const TAKE_FROM_FREE_BUCKET = `
  WITH picked AS (
    SELECT bucket FROM stock_buckets
     WHERE sku = $1 AND available >= $2
     ORDER BY random()
     LIMIT 1
     FOR UPDATE SKIP LOCKED
  ), taken AS (
    UPDATE stock_buckets b SET available = b.available - $2
      FROM picked
     WHERE b.sku = $1 AND b.bucket = picked.bucket
    RETURNING b.bucket
  )
  SELECT (SELECT bucket FROM taken)::int AS bucket,
         coalesce(sum(available), 0)::int AS total,
         coalesce(array_agg(bucket::int) FILTER (WHERE available >= $2), '{}') AS covering
    FROM stock_buckets
   WHERE sku = $1`;

export async function takeFromFreeBucket(
  manager: EntityManager,
  sku: string,
  quantity: number,
): Promise<FreeBucketTake> {
  const [row]: FreeBucketTake[] = await manager.query(TAKE_FROM_FREE_BUCKET, [sku, quantity]);
  return row ?? { bucket: null, total: 0, covering: [] };
}

/**
 * Waits for one bucket and takes the quantity if it still has it. When it was
 * drained meanwhile, PostgreSQL keeps the row locked after its recheck fails:
 * callers run this inside a savepoint and roll back to it then.
 */
export async function takeFromBucketWaiting(
  manager: EntityManager,
  sku: string,
  bucket: number,
  quantity: number,
): Promise<boolean> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], never an empty list.
  const taken: unknown[] = await manager.query(
    `WITH taken AS (
       UPDATE stock_buckets SET available = available - $3
        WHERE sku = $1 AND bucket = $2 AND available >= $3
       RETURNING bucket
     )
     SELECT bucket FROM taken`,
    [sku, bucket, quantity],
  );
  return taken.length > 0;
}

/** Locks every bucket of the SKU in bucket order (the one order every multi-bucket lock follows). */
export async function lockAllBuckets(manager: EntityManager, sku: string): Promise<BucketStock[]> {
  const rows: { bucket: number; available: number }[] = await manager.query(
    `SELECT bucket, available FROM stock_buckets WHERE sku = $1 ORDER BY bucket FOR UPDATE`,
    [sku],
  );
  return rows.map(({ bucket, available }) => ({ bucket, available }));
}

/** Takes from buckets the caller already locked. */
export async function applyTakes(manager: EntityManager, sku: string, takes: readonly Take[]): Promise<void> {
  await manager.query(
    `UPDATE stock_buckets b SET available = b.available - t.quantity
       FROM unnest($2::int[], $3::int[]) AS t(bucket, quantity)
      WHERE b.sku = $1 AND b.bucket = t.bucket`,
    [sku, takes.map((take) => take.bucket), takes.map((take) => take.quantity)],
  );
}

/**
 * Puts the items these orders hold back into the buckets they came from.
 * Locks the buckets first in (sku, bucket) order, the order every waiting
 * lock on buckets follows, so releases cannot deadlock with each other or
 * with reservations gathering from several buckets.
 */
export async function returnAllocations(manager: EntityManager, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await manager.query(
    `SELECT 1 FROM stock_buckets
      WHERE (sku, bucket) IN (SELECT sku, bucket FROM reservation_allocations WHERE order_id = ANY($1::uuid[]))
      ORDER BY sku, bucket
        FOR UPDATE`,
    [orderIds],
  );
  await manager.query(
    `UPDATE stock_buckets b SET available = b.available + a.quantity
       FROM (SELECT sku, bucket, sum(quantity)::int AS quantity
               FROM reservation_allocations
              WHERE order_id = ANY($1::uuid[])
              GROUP BY sku, bucket) a
      WHERE b.sku = a.sku AND b.bucket = a.bucket`,
    [orderIds],
  );
}

/** Available totals of these SKUs from a plain read; unknown SKUs are absent. */
export async function availableTotals(
  manager: EntityManager,
  skus: readonly string[],
): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows: { sku: string; total: number }[] = await manager.query(
    `SELECT sku, sum(available)::int AS total FROM stock_buckets WHERE sku = ANY($1::text[]) GROUP BY sku`,
    [skus],
  );
  return new Map(rows.map((row) => [row.sku, row.total]));
}

/** Items of the SKU in live holds and in sales. */
export async function commitmentsOf(manager: EntityManager, sku: string): Promise<StockCommitments> {
  const [row]: StockCommitments[] = await manager.query(
    `SELECT coalesce(sum(a.quantity) FILTER (WHERE r.status = 'held'), 0)::int AS held,
            coalesce(sum(a.quantity) FILTER (WHERE r.status = 'committed'), 0)::int AS sold
       FROM reservation_allocations a
       JOIN reservations r ON r.order_id = a.order_id
      WHERE a.sku = $1`,
    [sku],
  );
  return row ?? { held: 0, sold: 0 };
}

/**
 * Sets bucket i to amounts[i], creating missing buckets; buckets beyond the
 * configured count (left from a larger setting) are emptied, not deleted,
 * because holds may still return items to them.
 */
export async function refillBuckets(
  manager: EntityManager,
  sku: string,
  amounts: readonly number[],
): Promise<void> {
  await manager.query(
    `INSERT INTO stock_buckets (sku, bucket, available)
     SELECT $1, (t.n - 1)::smallint, t.available FROM unnest($2::int[]) WITH ORDINALITY AS t(available, n)
     ON CONFLICT (sku, bucket) DO UPDATE SET available = excluded.available`,
    [sku, amounts],
  );
  await manager.query(
    `UPDATE stock_buckets SET available = 0 WHERE sku = $1 AND bucket >= $2 AND available <> 0`,
    [sku, amounts.length],
  );
}
