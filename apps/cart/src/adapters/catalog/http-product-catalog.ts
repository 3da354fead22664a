import { Currency, Sku, UnitPriceCents } from "@peakshop/contracts";
import { z } from "zod";
import { CatalogUnavailable, ProductCatalog, type Product } from "../../application/product-catalog.port";

// Not strict: the inventory service may add fields; the cart reads only what it needs.
const productResponse = z.object({
  sku: Sku,
  name: z.string().min(1).max(200),
  priceCents: UnitPriceCents,
  currency: Currency,
});

/** The catalogue over HTTP: `GET {INVENTORY_URL}/v1/products/{sku}` on the inventory service. */
export class HttpProductCatalog extends ProductCatalog {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    super();
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  async find(sku: string): Promise<Product | undefined> {
    const url = `${this.baseUrl}/v1/products/${encodeURIComponent(sku)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new CatalogUnavailable(`inventory did not answer GET ${url} within ${this.timeoutMs} ms`, {
        cause: error,
      });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new CatalogUnavailable(`inventory answered GET ${url} with ${response.status}`);
    }
    return this.parse(url, sku, response);
  }

  private async parse(url: string, sku: string, response: Response): Promise<Product> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new CatalogUnavailable(`inventory answered GET ${url} with a body that is not JSON`, {
        cause: error,
      });
    }
    const parsed = productResponse.safeParse(body);
    if (!parsed.success || parsed.data.sku !== sku) {
      throw new CatalogUnavailable(`inventory answered GET ${url} with a malformed product`, {
        cause: parsed.error,
      });
    }
    const { name, priceCents, currency } = parsed.data;
    return { sku, name, priceCents, currency };
  }
}
