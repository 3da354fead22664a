import type { DataSource } from "typeorm";
import type { InventoryStore, ProductView } from "./inventory-store.port";

/** The catalog as buyers see it: products with what is available right now. */
export class ReadCatalogQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
  ) {}

  list(): Promise<ProductView[]> {
    return this.store.listProducts(this.dataSource.manager);
  }

  get(sku: string): Promise<ProductView | undefined> {
    return this.store.findProduct(this.dataSource.manager, sku);
  }
}
