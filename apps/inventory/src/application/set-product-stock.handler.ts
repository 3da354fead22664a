import type { DataSource } from "typeorm";
import { restock } from "../domain/stock-level";
import type { InventoryStore, ProductSpec, ProductView } from "./inventory-store.port";
import { inTransaction, systemClock, type Clock } from "./transaction";

export interface SetProductStockOptions {
  /** Buckets the available stock is spread over (STOCK_BUCKETS). */
  buckets: number;
  clock?: Clock;
}

/**
 * Creates or updates a product and sets its stock on sale: the total to sell
 * from now on, counting items already held or sold. What remains available is
 * spread evenly over the buckets again. Throws StockBelowCommitments (nothing
 * changes) when the stock is below what is held and sold.
 */
export class SetProductStockHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
    private readonly options: SetProductStockOptions,
  ) {}

  execute(spec: ProductSpec): Promise<{ created: boolean; product: ProductView }> {
    return inTransaction(this.dataSource, undefined, async (manager) => {
      const now = (this.options.clock ?? systemClock)();
      const created = await this.store.upsertProduct(manager, spec, now);
      // With every bucket locked, no reservation or release of this SKU is in
      // flight, so held and sold are exact until this transaction commits.
      await this.store.lockAllBuckets(manager, spec.sku);
      const commitments = await this.store.commitmentsOf(manager, spec.sku);
      const amounts = restock(spec.sku, spec.stock, commitments, this.options.buckets);
      await this.store.refillBuckets(manager, spec.sku, amounts);
      const { sku, name, priceCents, currency } = spec;
      const available = amounts.reduce((sum, units) => sum + units, 0);
      return { created, product: { sku, name, priceCents, currency, available } };
    });
  }
}
