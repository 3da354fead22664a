import { LRUCache } from "lru-cache";
import { ProductCatalog, type Product } from "../../application/product-catalog.port";

// Distinct products remembered; a festival's traffic is concentrated on far fewer.
const REMEMBERED_PRODUCTS = 10_000;

/**
 * The catalogue with a short memory: a product read is reused for `ttlMs`,
 * and concurrent reads of one SKU share one request. Under load every
 * add-to-cart and checkout asked the inventory service for the same few
 * products, a request each on the accept path. A price change reaches carts
 * after at most `ttlMs` (counted from the end of the read that saw the old
 * price); an unknown SKU or a failed read is never remembered.
 */
export class CachedProductCatalog extends ProductCatalog {
  private readonly products: LRUCache<string, Product>;

  constructor(source: ProductCatalog, ttlMs: number) {
    super();
    this.products = new LRUCache<string, Product>({
      max: REMEMBERED_PRODUCTS,
      ttl: ttlMs,
      fetchMethod: (sku) => source.find(sku),
      // A read still in flight when its entry is evicted (a flood of distinct
      // SKUs) still answers its callers instead of failing them.
      ignoreFetchAbort: true,
    });
  }

  find(sku: string): Promise<Product | undefined> {
    return this.products.fetch(sku);
  }
}
