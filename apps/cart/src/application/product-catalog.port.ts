/** A product as the catalogue (the inventory service) prices it now. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  /** Price of one unit in integer minor units of `currency`. */
  readonly priceCents: number;
  /** ISO 4217. */
  readonly currency: string;
}

/** Where the cart gets the server's prices; the client's are never trusted. */
export abstract class ProductCatalog {
  /** The product, or undefined when the catalogue does not know the SKU; throws CatalogUnavailable. */
  abstract find(sku: string): Promise<Product | undefined>;
}

/** The catalogue does not know a SKU the caller asked for. */
export class UnknownProduct extends Error {
  constructor(readonly sku: string) {
    super(`unknown product ${sku}`);
    this.name = "UnknownProduct";
  }
}

/** The catalogue did not answer usefully (timeout, refused, 5xx, malformed); worth retrying later. */
export class CatalogUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CatalogUnavailable";
  }
}

/** The product or UnknownProduct: what every use case that prices an item needs. */
export async function requireProduct(catalog: ProductCatalog, sku: string): Promise<Product> {
  const product = await catalog.find(sku);
  if (!product) throw new UnknownProduct(sku);
  return product;
}
