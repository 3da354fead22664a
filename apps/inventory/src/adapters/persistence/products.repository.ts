import type { EntityManager } from "typeorm";
import type { CatalogPage, ProductSpec, ProductView } from "../../application/inventory-store.port";

// pg returns bigint as a string; float8 is exact for any price below 2^53 cents.
const VIEW = `
  SELECT p.sku, p.name, p.price_cents::float8 AS "priceCents", p.currency,
         coalesce(sum(b.available), 0)::int AS available
    FROM products p
    LEFT JOIN stock_buckets b ON b.sku = p.sku`;

/** Creates or updates the product row (locking it, so concurrent updates of one SKU take turns); true if created. */
export async function upsertProduct(manager: EntityManager, spec: ProductSpec, now: Date): Promise<boolean> {
  const [row]: { created: boolean }[] = await manager.query(
    `INSERT INTO products (sku, name, price_cents, currency, stock, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (sku) DO UPDATE
       SET name = excluded.name, price_cents = excluded.price_cents, currency = excluded.currency,
           stock = excluded.stock, updated_at = excluded.updated_at
     RETURNING (xmax = 0) AS created`,
    [spec.sku, spec.name, spec.priceCents, spec.currency, spec.stock, now],
  );
  return row?.created ?? false;
}

export function listProducts(manager: EntityManager, page: CatalogPage = {}): Promise<ProductView[]> {
  return manager.query(
    `${VIEW} WHERE ($1::text IS NULL OR p.sku > $1) GROUP BY p.sku ORDER BY p.sku LIMIT $2`,
    [page.afterSku ?? null, page.limit ?? null],
  );
}

export async function findProduct(manager: EntityManager, sku: string): Promise<ProductView | undefined> {
  const rows: ProductView[] = await manager.query(`${VIEW} WHERE p.sku = $1 GROUP BY p.sku`, [sku]);
  return rows[0];
}
