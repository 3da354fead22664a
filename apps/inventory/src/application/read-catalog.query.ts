import type { DataSource } from "typeorm";
import type { InventoryStore, ProductView } from "./inventory-store.port";

/** The catalog as buyers see it: products with what is available right now, in SKU order. */
export class ReadCatalogQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
  ) {}

  /** Every product, or with `limit` one page of them: `nextCursor` (the page's last SKU) leads on, null on the last. */
  async list(
    page: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: ProductView[]; nextCursor: string | null }> {
    if (!page.limit)
      return { items: await this.store.listProducts(this.dataSource.manager), nextCursor: null };
    // One more than a page tells whether another page follows.
    const found = await this.store.listProducts(this.dataSource.manager, {
      afterSku: page.cursor,
      limit: page.limit + 1,
    });
    const items = found.slice(0, page.limit);
    return { items, nextCursor: found.length > page.limit ? items.at(-1)!.sku : null };
  }

  get(sku: string): Promise<ProductView | undefined> {
    return this.store.findProduct(this.dataSource.manager, sku);
  }
}
