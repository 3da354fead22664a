import type { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { INVENTORY_MIGRATIONS } from "../../src/app";

type TestContext = ReturnType<typeof testContext>;

/** A fresh inventory database on the run's PostgreSQL, migrated. */
export async function inventoryDatabase(ctx: TestContext, poolSize = 10): Promise<DataSource> {
  const url = await ctx.createDatabase(ctx.uniqueName("inventory"));
  const dataSource = new DataSource({
    type: "postgres",
    url,
    migrations: INVENTORY_MIGRATIONS,
    extra: { max: poolSize },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

export interface StockAccount {
  stock: number;
  available: number;
  held: number;
  sold: number;
  negativeBuckets: number;
}

/** Where every item of a SKU is: `available + held + sold` must equal `stock`. */
export async function stockAccount(dataSource: DataSource, sku: string): Promise<StockAccount> {
  const [row]: StockAccount[] = await dataSource.query(
    `SELECT coalesce((SELECT stock FROM products WHERE sku = $1), 0) AS stock,
            coalesce((SELECT sum(available) FROM stock_buckets WHERE sku = $1), 0)::int AS available,
            coalesce((SELECT sum(a.quantity) FROM reservation_allocations a JOIN reservations r USING (order_id)
                       WHERE a.sku = $1 AND r.status = 'held'), 0)::int AS held,
            coalesce((SELECT sum(a.quantity) FROM reservation_allocations a JOIN reservations r USING (order_id)
                       WHERE a.sku = $1 AND r.status = 'committed'), 0)::int AS sold,
            (SELECT count(*) FROM stock_buckets WHERE sku = $1 AND available < 0)::int AS "negativeBuckets"`,
    [sku],
  );
  if (!row) throw new Error(`no account for ${sku}`);
  return row;
}

export async function bucketsOf(dataSource: DataSource, sku: string): Promise<number[]> {
  const rows: { available: number }[] = await dataSource.query(
    `SELECT available FROM stock_buckets WHERE sku = $1 ORDER BY bucket`,
    [sku],
  );
  return rows.map((row) => row.available);
}

/** The messages waiting in the outbox for one order, oldest first. */
export async function outboxOf(
  dataSource: DataSource,
  orderId: string,
): Promise<{ type: string; data: unknown }[]> {
  const rows: { type: string; value: string }[] = await dataSource.query(
    `SELECT headers->>'ce_type' AS type, value FROM es_outbox WHERE message_key = $1 ORDER BY id`,
    [orderId],
  );
  return rows.map((row) => ({ type: row.type, data: JSON.parse(row.value) as unknown }));
}

export const cause = () => ({ correlationId: randomUUID(), causationId: randomUUID() });
