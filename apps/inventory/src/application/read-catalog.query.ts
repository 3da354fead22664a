import type { DataSource } from "typeorm";
import { findProduct, listProducts, type ProductView } from "../adapters/persistence/products.repository";

/** The catalog as buyers see it: products with what is available right now. */
export class ReadCatalogQuery {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ProductView[]> {
    return listProducts(this.dataSource.manager);
  }

  get(sku: string): Promise<ProductView | undefined> {
    return findProduct(this.dataSource.manager, sku);
  }
}
