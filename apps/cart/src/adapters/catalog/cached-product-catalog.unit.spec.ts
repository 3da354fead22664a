import { describe, expect, it } from "vitest";
import { CatalogUnavailable, ProductCatalog, type Product } from "../../application/product-catalog.port";
import { CachedProductCatalog } from "./cached-product-catalog";

const tea: Product = { sku: "SKU-TEA", name: "Green tea", priceCents: 3_800, currency: "CNY" };

/** The inventory side as a list of answers, counting the reads that reached it. */
class ScriptedCatalog extends ProductCatalog {
  reads = 0;
  constructor(private readonly answers: (Product | undefined | Error)[]) {
    super();
  }
  async find(): Promise<Product | undefined> {
    this.reads++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const answer = this.answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

describe("CachedProductCatalog", () => {
  it("given a product read, when it is asked again within the time to live, then the source is not asked", async () => {
    const source = new ScriptedCatalog([tea]);
    const catalog = new CachedProductCatalog(source, 60_000);
    expect(await catalog.find(tea.sku)).toEqual(tea);
    expect(await catalog.find(tea.sku)).toEqual(tea);
    expect(source.reads).toBe(1);
  });

  it("given concurrent reads of one SKU, then they share one request", async () => {
    const source = new ScriptedCatalog([tea]);
    const catalog = new CachedProductCatalog(source, 60_000);
    const answers = await Promise.all([catalog.find(tea.sku), catalog.find(tea.sku), catalog.find(tea.sku)]);
    expect(answers).toEqual([tea, tea, tea]);
    expect(source.reads).toBe(1);
  });

  it("given the time to live passed, when asked, then the current price is read", async () => {
    const repriced = { ...tea, priceCents: 3_500 };
    const source = new ScriptedCatalog([tea, repriced]);
    const catalog = new CachedProductCatalog(source, 20);
    expect(await catalog.find(tea.sku)).toEqual(tea);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await catalog.find(tea.sku)).toEqual(repriced);
  });

  it("given an unknown SKU or a failed read, then it is asked again next time", async () => {
    const source = new ScriptedCatalog([undefined, new CatalogUnavailable("inventory timed out"), tea]);
    const catalog = new CachedProductCatalog(source, 60_000);
    expect(await catalog.find(tea.sku)).toBeUndefined();
    await expect(catalog.find(tea.sku)).rejects.toBeInstanceOf(CatalogUnavailable);
    expect(await catalog.find(tea.sku)).toEqual(tea);
    expect(source.reads).toBe(3);
  });
});
