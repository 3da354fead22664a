import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CatalogUnavailable } from "../../application/product-catalog.port";
import { HttpProductCatalog } from "./http-product-catalog";

// The inventory side of the boundary, on a real socket, answering as each test needs.
let server: Server | undefined;

async function inventory(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const json =
  (body: unknown, status = 200): RequestListener =>
  (_request, response) => {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

describe("HttpProductCatalog", () => {
  it("reads a product, ignoring fields it does not need, and escapes the SKU in the path", async () => {
    let path: string | undefined;
    const url = await inventory((request, response) => {
      path = request.url;
      json({ sku: "A/1", name: "Tea", priceCents: 350, currency: "CNY", available: 3, extra: true })(
        request,
        response,
      );
    });
    const product = await new HttpProductCatalog(url, 1_000).find("A/1");
    expect(product).toEqual({ sku: "A/1", name: "Tea", priceCents: 350, currency: "CNY" });
    expect(path).toBe("/v1/products/A%2F1");
  });

  it("says undefined for an unknown SKU", async () => {
    const url = await inventory(json({ title: "Not Found" }, 404));
    expect(await new HttpProductCatalog(url, 1_000).find("nope")).toBeUndefined();
  });

  it.each([
    ["a server error", json({}, 503)],
    ["a malformed product", json({ sku: "A", name: "Tea", priceCents: 3.5, currency: "CNY" })],
    ["another SKU than asked", json({ sku: "B", name: "Tea", priceCents: 350, currency: "CNY" })],
    ["a body that is not JSON", ((_q, r) => r.writeHead(200).end("{oops")) as RequestListener],
  ])("is unavailable on %s", async (_name, listener) => {
    const url = await inventory(listener);
    await expect(new HttpProductCatalog(url, 1_000).find("A")).rejects.toBeInstanceOf(CatalogUnavailable);
  });

  it("gives up after its timeout when inventory does not answer", async () => {
    const url = await inventory(() => {
      // Never answers.
    });
    const started = Date.now();
    await expect(new HttpProductCatalog(url, 200).find("A")).rejects.toBeInstanceOf(CatalogUnavailable);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("is unavailable when nothing listens", async () => {
    const url = await inventory(json({}));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(new HttpProductCatalog(url, 1_000).find("A")).rejects.toBeInstanceOf(CatalogUnavailable);
  });
});
