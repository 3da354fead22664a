// One shopper's visit through the public API, as a frontend would make it:
// browse the catalog without signing in, sign in (the gateway's dev sign-in),
// put one item in the cart, check out with an Idempotency-Key, and follow the
// order's status until it is final.
//
//   PEAKSHOP_GATEWAY_URL=http://127.0.0.1:3000 npm start
import { createPeakshopClient, FINAL_STATUSES } from "@peakshop/client";
import { randomUUID } from "node:crypto";

const gatewayUrl = process.env.PEAKSHOP_GATEWAY_URL ?? "http://127.0.0.1:3000";
const wantedSku = process.env.PEAKSHOP_SKU;

const visitor = createPeakshopClient({ baseUrl: gatewayUrl });
const { data: catalog, error: notBrowsed } = await visitor.api.GET("/v1/products", {
  params: { query: { limit: 50 } },
});
if (!catalog) throw new Error(`the catalog did not load: ${notBrowsed?.detail}`);
const product = catalog.items.find((item) => item.available > 0 && (!wantedSku || item.sku === wantedSku));
if (!product) throw new Error("nothing is on sale");
console.log(`browsing: ${product.name} (${product.sku}), ${product.available} left`);

const { data: signedIn, error: notSignedIn } = await visitor.api.POST("/v1/auth/dev-token", {
  body: { customerId: `example-${randomUUID()}` },
});
if (!signedIn) throw new Error(`could not sign in: ${notSignedIn?.detail}`);
const shopper = createPeakshopClient({ baseUrl: gatewayUrl, token: signedIn.token });

const { error: notAdded } = await shopper.api.POST("/v1/cart/items", {
  body: { sku: product.sku, quantity: 1 },
});
if (notAdded) throw new Error(`could not add to the cart: ${notAdded.detail}`);

// Retrying a checkout with the same key never places a second order.
const { data: accepted, error: refused } = await shopper.api.POST("/v1/checkout", {
  params: { header: { "idempotency-key": randomUUID() } },
  body: { paymentToken: "tok_ok" },
});
if (!accepted) throw new Error(`checkout refused: ${refused?.detail}`);
console.log(`order ${accepted.orderId} accepted`);

for await (const event of shopper.followOrder(accepted.orderId)) {
  console.log(`status: ${event.data.status}`);
  if (FINAL_STATUSES.has(event.data.status)) break;
}
