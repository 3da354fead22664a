import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestProduct {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  available: number;
}

/**
 * A stand-in for the inventory service's product endpoint, on a real socket: the far side
 * of the cart's HTTP boundary. Products can be repriced while a test runs; SKUs starting
 * with "BROKEN" answer 500.
 */
export async function startProductServer(products: TestProduct[]) {
  const catalog = new Map(products.map((p) => [p.sku, p]));
  const server: Server = createServer((request, response) => {
    const match = /^\/v1\/products\/([^/]+)$/.exec(request.url ?? "");
    const sku = match ? decodeURIComponent(match[1]!) : undefined;
    const product = sku ? catalog.get(sku) : undefined;
    if (request.method === "GET" && sku?.startsWith("BROKEN")) {
      response.writeHead(500).end();
    } else if (request.method === "GET" && product) {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(product));
    } else {
      response
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ title: "Not Found" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reprice(sku: string, priceCents: number) {
      catalog.set(sku, { ...catalog.get(sku)!, priceCents });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
