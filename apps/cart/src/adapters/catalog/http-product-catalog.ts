import { Currency, Sku, UnitPriceCents } from "@peakshop/contracts";
import { OutboundFailure, sendOutbound, type OutboundAnswer } from "@peakshop/platform-nest";
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
    let answer: OutboundAnswer;
    try {
      answer = await sendOutbound(url, {
        method: "GET",
        headers: { accept: "application/json" },
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      const why = error instanceof OutboundFailure && error.kind === "network" ? error.code : "timed out";
      throw new CatalogUnavailable(`inventory did not answer GET ${url} (${why}, ${this.timeoutMs} ms)`, {
        cause: error,
      });
    }
    if (answer.status === 404) return undefined;
    if (answer.status < 200 || answer.status >= 300)
      throw new CatalogUnavailable(`inventory answered GET ${url} with ${answer.status}`);
    return this.parse(url, sku, answer.text);
  }

  private parse(url: string, sku: string, text: string): Product {
    let body: unknown;
    try {
      body = JSON.parse(text);
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
