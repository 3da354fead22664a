import type { INestApplication } from "@nestjs/common";
import { CheckoutRequestedV1, fromKafkaRecord, type CheckoutRequested } from "@peakshop/contracts";
import { readTopic, readTopicToEnd } from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCartConfig, startCartService } from "../src/app";
import { startProductServer } from "./product-server";

// Short, so a price change reaches the cart within a test.
const CATALOG_CACHE_TTL_MS = 300;

const ctx = testContext(inject("peakshopInfrastructure"));

const phone = { sku: "SKU-PHONE", name: "Peak Phone", priceCents: 49_900, currency: "EUR", available: 10 };
const cover = { sku: "SKU-CASE", name: "Phone case", priceCents: 1_250, currency: "EUR", available: 10 };
const yuan = { sku: "SKU-TEA", name: "Green tea", priceCents: 3_800, currency: "CNY", available: 10 };

describe("cart service: carts over HTTP, checkout through the outbox to Kafka", () => {
  let app: INestApplication;
  let url: string;
  let products: Awaited<ReturnType<typeof startProductServer>>;
  let database: DataSource;

  beforeAll(async () => {
    products = await startProductServer([phone, cover, yuan]);
    const databaseUrl = await ctx.createDatabase(ctx.uniqueName("cart"));
    const config = loadCartConfig({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: ctx.brokers.join(","),
      INVENTORY_URL: products.url,
      CATALOG_CACHE_TTL_MS: String(CATALOG_CACHE_TTL_MS),
      HTTP_HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    });
    app = await startCartService(config, { port: 0 });
    url = (await app.getUrl()).replace("[::1]", "127.0.0.1");
    database = await new DataSource({ type: "postgres", url: databaseUrl }).initialize();
  });

  afterAll(async () => {
    await Promise.allSettled([app?.close(), products?.close(), database?.destroy()]);
  });

  const customer = () => `customer-${randomUUID()}`;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      // The media type alone; Fastify appends "; charset=utf-8".
      contentType: response.headers.get("content-type")?.split(";")[0],
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  }

  const checkout = (customerId: string, key: string, paymentToken = "tok_ok") =>
    call("POST", `/v1/carts/${customerId}/checkout`, { paymentToken }, { "idempotency-key": key });

  /** Every CheckoutRequested for the order, once the relay has published the whole outbox. */
  async function publishedFor(orderId: string): Promise<CheckoutRequested[]> {
    await waitFor(async () => (await database.query(`SELECT 1 FROM es_outbox LIMIT 1`)).length === 0, {
      description: "the outbox relay to publish every pending message",
    });
    const records = await readTopicToEnd(ctx.brokers, CheckoutRequestedV1.topic);
    return records
      .filter((record) => record.key === orderId)
      .map((record) => fromKafkaRecord(record.headers, record.value).data as CheckoutRequested);
  }

  it("shows an empty cart for a new customer", async () => {
    const id = customer();
    const cart = await call("GET", `/v1/carts/${id}`);
    expect(cart).toMatchObject({
      status: 200,
      body: { customerId: id, items: [], totalCents: 0, currency: null },
    });
  });

  it("adds, changes and removes items at the server's prices", async () => {
    const id = customer();
    let cart = await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 1 });
    expect(cart.status).toBe(200);
    await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 2 });
    cart = await call("POST", `/v1/carts/${id}/items`, { sku: cover.sku, quantity: 1 });
    expect(cart.body).toEqual({
      customerId: id,
      items: [
        { sku: phone.sku, name: phone.name, quantity: 3, priceCents: 49_900 },
        { sku: cover.sku, name: cover.name, quantity: 1, priceCents: 1_250 },
      ],
      totalCents: 3 * 49_900 + 1_250,
      currency: "EUR",
    });

    cart = await call("PATCH", `/v1/carts/${id}/items/${cover.sku}`, { quantity: 4 });
    expect(cart.body?.totalCents).toBe(3 * 49_900 + 4 * 1_250);
    cart = await call("PATCH", `/v1/carts/${id}/items/${cover.sku}`, { quantity: 0 });
    expect(cart.body?.items).toEqual([{ sku: phone.sku, name: phone.name, quantity: 3, priceCents: 49_900 }]);
    cart = await call("DELETE", `/v1/carts/${id}/items/${phone.sku}`);
    expect(cart.body).toEqual({ customerId: id, items: [], totalCents: 0, currency: null });
    expect((await call("GET", `/v1/carts/${id}`)).body).toEqual(cart.body);
  });

  it("refuses a client's price, breaking the cart's rules, and unknown products", async () => {
    const id = customer();
    const priced = await call("POST", `/v1/carts/${id}/items`, {
      sku: phone.sku,
      quantity: 1,
      priceCents: 1,
    });
    expect(priced).toMatchObject({ status: 400, contentType: "application/problem+json" });
    expect(priced.body?.errors).toEqual([expect.objectContaining({ field: "body" })]);

    const malformed = await fetch(`${url}/v1/carts/${id}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);

    const unknown = await call("POST", `/v1/carts/${id}/items`, { sku: "SKU-NOPE", quantity: 1 });
    expect(unknown).toMatchObject({ status: 422, contentType: "application/problem+json" });
    expect(unknown.body).toMatchObject({ status: 422, title: "Unknown product" });

    await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 99 });
    const tooMany = await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 1 });
    expect(tooMany.body).toMatchObject({ status: 422, type: "urn:peakshop:problem:quantity-out-of-range" });
    const otherCurrency = await call("POST", `/v1/carts/${id}/items`, { sku: yuan.sku, quantity: 1 });
    expect(otherCurrency.body).toMatchObject({ status: 422, type: "urn:peakshop:problem:currency-mismatch" });
    const absent = await call("PATCH", `/v1/carts/${id}/items/${cover.sku}`, { quantity: 2 });
    expect(absent.status).toBe(404);

    const down = await call("POST", `/v1/carts/${id}/items`, { sku: "BROKEN-1", quantity: 1 });
    expect(down).toMatchObject({ status: 503, contentType: "application/problem+json" });
  });

  it("checks out at the catalogue's prices, remembered at most CATALOG_CACHE_TTL_MS: CheckoutRequested on Kafka, the cart empty after", async () => {
    const id = customer();
    await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 1 });
    await call("POST", `/v1/carts/${id}/items`, { sku: cover.sku, quantity: 2 });
    products.reprice(cover.sku, 990);
    await new Promise((resolve) => setTimeout(resolve, CATALOG_CACHE_TTL_MS + 100));
    try {
      const key = randomUUID();
      const accepted = await checkout(id, key);
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ orderId: expect.any(String), status: "PLACED" });
      const orderId = accepted.body!.orderId as string;

      const [record] = await readTopic(ctx.brokers, CheckoutRequestedV1.topic, (all) =>
        all.some((r) => r.key === orderId),
      ).then((all) => all.filter((r) => r.key === orderId));
      const envelope = fromKafkaRecord(record!.headers, record!.value);
      expect(envelope).toMatchObject({
        type: CheckoutRequestedV1.type,
        source: "peakshop/cart",
        streamId: `cart-${id}`,
        streamVersion: 3,
      });
      expect(envelope.data).toEqual({
        orderId,
        customerId: id,
        items: [
          { sku: phone.sku, name: phone.name, quantity: 1, unitPriceCents: 49_900 },
          { sku: cover.sku, name: cover.name, quantity: 2, unitPriceCents: 990 },
        ],
        totalCents: 49_900 + 2 * 990,
        currency: "EUR",
        paymentToken: "tok_ok",
        idempotencyKey: key,
        requestedAt: expect.any(String),
      });

      const after = await call("GET", `/v1/carts/${id}`);
      expect(after.body).toMatchObject({ items: [], totalCents: 0, currency: null });
    } finally {
      products.reprice(cover.sku, cover.priceCents);
    }
  });

  it("answers the same Idempotency-Key with the same order and publishes it once", async () => {
    const id = customer();
    await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 2 });
    const key = randomUUID();
    // Two copies racing, then a late retry after the cart is already empty.
    const racing = await Promise.all([checkout(id, key), checkout(id, key)]);
    const retried = await checkout(id, key);
    const orderIds = new Set([...racing, retried].map((r) => r.body?.orderId));
    expect([...racing, retried].map((r) => r.status)).toEqual([202, 202, 202]);
    expect(orderIds.size).toBe(1);
    const [orderId] = orderIds as Set<string>;

    const otherToken = await checkout(id, key, "tok_declined");
    expect(otherToken).toMatchObject({ status: 422, contentType: "application/problem+json" });
    expect(otherToken.body?.type).toBe("urn:peakshop:problem:idempotency-key-reused");

    const published = await publishedFor(orderId!);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ orderId, customerId: id, totalCents: 2 * 49_900 });

    // The customer's next cart checks out as a new order under a new key.
    await call("POST", `/v1/carts/${id}/items`, { sku: cover.sku, quantity: 1 });
    const next = await checkout(id, randomUUID());
    expect(next.status).toBe(202);
    expect(next.body?.orderId).not.toBe(orderId);
  });

  it("refuses to check out an empty cart, and a checkout without Idempotency-Key", async () => {
    const id = customer();
    const empty = await checkout(id, randomUUID());
    expect(empty).toMatchObject({ status: 422, contentType: "application/problem+json" });
    expect(empty.body).toMatchObject({ type: "urn:peakshop:problem:empty-cart", status: 422 });

    await call("POST", `/v1/carts/${id}/items`, { sku: phone.sku, quantity: 1 });
    const keyless = await call("POST", `/v1/carts/${id}/checkout`, { paymentToken: "tok_ok" });
    expect(keyless).toMatchObject({ status: 400, contentType: "application/problem+json" });
    expect(keyless.body?.errors).toEqual([expect.objectContaining({ field: "header.Idempotency-Key" })]);
  });
});
