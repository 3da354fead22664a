import { readPage, type Page } from "@peakshop/platform-nest";
import type { DataSource } from "typeorm";
import type { InventoryStore, ProductView } from "./inventory-store.port";

/** The catalog as buyers see it: products with what is available right now, in SKU order. */
export class ReadCatalogQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
  ) {}

  /** Every product, or with `limit` one page of them: `nextCursor` (the page's last SKU) leads on, null on the last. */
  async list(page: { limit?: number; cursor?: string } = {}): Promise<Page<ProductView>> {
    if (!page.limit)
      return { items: await this.store.listProducts(this.dataSource.manager), nextCursor: null };
    return readPage(
      page.limit,
      (limit) => this.store.listProducts(this.dataSource.manager, { afterSku: page.cursor, limit }),
      (last) => last.sku,
    );
  }

  get(sku: string): Promise<ProductView | undefined> {
    return this.store.findProduct(this.dataSource.manager, sku);
  }
}
