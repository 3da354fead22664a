// A merchant team's integration test: their code would sit where the client
// calls are; peakshop runs for real in containers (Kafka, PostgreSQL, every
// service), started and stopped by the test.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { createPeakshopClient } from "@peakshop/client";
import { PeakshopEnvironment } from "@peakshop/testcontainers";

// Official images by default; a CI with its own registry or builds says so here.
const images = Object.fromEntries(
  [
    ["postgres", process.env.PEAKSHOP_POSTGRES_IMAGE],
    ["kafka", process.env.PEAKSHOP_KAFKA_IMAGE],
    ["smtp", process.env.PEAKSHOP_SMTP_IMAGE],
  ].filter(([, image]) => image),
);

let peakshop;

before(async () => {
  peakshop = await new PeakshopEnvironment({
    tag: process.env.PEAKSHOP_IMAGE_TAG ?? "latest",
    images,
  }).start();
});

after(() => peakshop?.stop());

/** Asks until `found` returns something, for at most a minute. */
async function eventually(what, found) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const orderIn = (shop, orderId, status) =>
  eventually(`order ${orderId} to be ${status}`, async () => {
    const { data } = await shop.api.GET("/v1/orders/{orderId}", { params: { path: { orderId } } });
    return data?.status === status ? data : undefined;
  });

const toldAbout = (shop, orderId, kind) =>
  eventually(`a ${kind} notification for ${orderId}`, async () => {
    const { data } = await shop.api.GET("/v1/notifications");
    return data?.items.find((item) => item.orderId === orderId && item.kind === kind);
  });

test("a customer checks out, and is told the truth while the bank is down", async () => {
  const admin = createPeakshopClient({
    baseUrl: peakshop.gatewayUrl,
    token: await peakshop.token("merchant-ops", ["admin"]),
  });
  const sku = `LAMP-${randomUUID().slice(0, 8)}`;
  const put = await admin.api.PUT("/v1/admin/products/{sku}", {
    params: { path: { sku } },
    body: { name: "Festival lamp", priceCents: 1_990, currency: "EUR", stock: 10 },
  });
  assert.equal(put.response.status, 201);

  const shop = createPeakshopClient({ baseUrl: peakshop.gatewayUrl, token: await peakshop.token("ada") });
  const checkout = async () => {
    await shop.api.POST("/v1/cart/items", { body: { sku, quantity: 1 } });
    const { data, response } = await shop.api.POST("/v1/checkout", {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { paymentToken: "tok_ok" },
    });
    assert.equal(response.status, 202);
    return data.orderId;
  };

  const paid = await orderIn(shop, await checkout(), "CONFIRMED");
  assert.equal(paid.payment.status, "captured");

  // The bank fails: the order waits for it, and the customer hears why, then that it went through.
  await peakshop.setBankFaults({ outage: true });
  const waiting = await checkout();
  await orderIn(shop, waiting, "PAYMENT_PENDING");
  const delayed = await toldAbout(shop, waiting, "payment-delayed");
  assert.match(delayed.message, /./);
  await peakshop.setBankFaults({});
  await orderIn(shop, waiting, "CONFIRMED");
  await toldAbout(shop, waiting, "order-confirmed");
});
