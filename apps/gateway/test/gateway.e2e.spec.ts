import type { INestApplication } from "@nestjs/common";
import { startCheckoutSystem, type CheckoutSystem } from "@peakshop/system-tests/checkout-system";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../src/app";

const ctx = testContext(inject("peakshopInfrastructure"));

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

describe("the gateway in front of the checkout system", () => {
  let system: CheckoutSystem;
  let gateway: INestApplication;
  let base: string;
  let gatewayEnv: Record<string, string>;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    gatewayEnv = {
      LOG_LEVEL: "warn",
      HTTP_HOST: "127.0.0.1",
      DATABASE_URL: await ctx.createDatabase(ctx.uniqueName("gateway")),
      INVENTORY_URL: system.urls.inventory,
      CART_URL: system.urls.cart,
      ORDER_URL: system.urls.order,
      NOTIFICATION_URL: system.urls.notification,
      AUTH_DEV_SECRET: "a-test-secret-of-at-least-32-characters",
    };
    gateway = await startGatewayService(loadGatewayConfig(gatewayEnv), { port: 0 });
    base = (await gateway.getUrl()).replace("[::1]", "127.0.0.1");
  });

  afterAll(async () => {
    await gateway?.close();
    await system?.stop();
  });

  async function http<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: response.headers,
    };
  }

  async function tokenFor(customerId: string, roles?: string[]): Promise<string> {
    const answer = await http<{ token: string }>("POST", "/v1/auth/dev-token", {
      body: { customerId, ...(roles ? { roles } : {}) },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.token;
  }

  it("runs a checkout for the token's customer, once per Idempotency-Key, visible only to them", async () => {
    const admin = await tokenFor("ops-admin", ["admin"]);
    const alice = await tokenFor(`alice-${randomUUID().slice(0, 8)}`);
    const mallory = await tokenFor(`mallory-${randomUUID().slice(0, 8)}`);
    const sku = `lantern-${randomUUID().slice(0, 8)}`;
    const product = { name: "Festival lantern", priceCents: 1250, currency: "EUR", stock: 10 };

    const anonymous = await http("GET", "/v1/cart");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    expect((await http("GET", "/v1/cart", { token: `${alice}x` })).status).toBe(401);

    const forbidden = await http("PUT", `/v1/admin/products/${sku}`, { token: alice, body: product });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("content-type")).toContain("application/problem+json");
    const created = await http("PUT", `/v1/admin/products/${sku}`, { token: admin, body: product });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ sku, ...product, stock: undefined, available: 10 });

    const listed = await http<{ items: { sku: string }[] }>("GET", "/v1/products", { token: alice });
    expect(listed.body.items.map((item) => item.sku)).toContain(sku);

    const cart = await http("POST", "/v1/cart/items", { token: alice, body: { sku, quantity: 2 } });
    expect(cart.status, JSON.stringify(cart.body)).toBe(200);
    expect(cart.body).toEqual({
      items: [{ sku, name: "Festival lantern", quantity: 2, priceCents: 1250 }],
      totalCents: 2500,
      currency: "EUR",
    });

    const withoutKey = await http("POST", "/v1/checkout", { token: alice, body: { paymentToken: "tok_ok" } });
    expect(withoutKey.status).toBe(400);

    const key = randomUUID();
    const checkout = (body: unknown) =>
      http<{ orderId: string; status: string; statusUrl: string }>("POST", "/v1/checkout", {
        token: alice,
        body,
        headers: { "idempotency-key": key },
      });
    const accepted = await checkout({ paymentToken: "tok_ok" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const { orderId } = accepted.body;
    expect(accepted.body).toEqual({ orderId, status: "PLACED", statusUrl: `/v1/orders/${orderId}` });

    const replayed = await checkout({ paymentToken: "tok_ok" });
    expect(replayed.status).toBe(202);
    expect(replayed.body).toEqual(accepted.body);
    const reused = await checkout({ paymentToken: "tok_declined" });
    expect(reused.status).toBe(422);
    expect(reused.headers.get("content-type")).toContain("application/problem+json");

    const confirmed = await waitFor(
      async () => {
        const order = await http<{ status: string }>("GET", `/v1/orders/${orderId}`, { token: alice });
        return order.status === 200 && order.body.status === "CONFIRMED" ? order.body : undefined;
      },
      { timeoutMs: 60_000, description: `order ${orderId} CONFIRMED through the gateway` },
    );
    expect(confirmed).toMatchObject({
      orderId,
      totalCents: 2500,
      currency: "EUR",
      payment: { status: "captured" },
    });

    const orders = await http<{ items: { orderId: string }[] }>("GET", "/v1/orders", { token: alice });
    expect(orders.body.items.map((order) => order.orderId)).toEqual([orderId]);

    const stolen = await http("GET", `/v1/orders/${orderId}`, { token: mallory });
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get("content-type")).toContain("application/problem+json");
    expect((await http("POST", `/v1/orders/${orderId}/cancel`, { token: mallory })).status).toBe(404);
    const malloryOrders = await http<{ items: unknown[] }>("GET", "/v1/orders", { token: mallory });
    expect(malloryOrders.body.items).toEqual([]);

    const feed = await waitFor(
      async () => {
        const answer = await http<{ items: { orderId?: string }[] }>("GET", "/v1/notifications", {
          token: alice,
        });
        return answer.body.items.some((item) => item.orderId === orderId) ? answer.body : undefined;
      },
      { timeoutMs: 30_000, description: "alice told about her order" },
    );
    expect(feed.items.length).toBeGreaterThan(0);
  });

  it("rejects unknown fields with 400 and errors[]", async () => {
    const token = await tokenFor(`bob-${randomUUID().slice(0, 8)}`);
    const answer = await http<{ status: number; errors: { field: string }[] }>("POST", "/v1/cart/items", {
      token,
      body: { sku: "lantern", quantity: 1, customerId: "someone-else" },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toContain("application/problem+json");
    expect(answer.body.status).toBe(400);
    expect(answer.body.errors.length).toBeGreaterThan(0);
  });

  it("echoes X-Request-Id, and makes one up when the client sent none", async () => {
    const echoed = await http("GET", "/v1/status", { headers: { "x-request-id": "trace-me-123" } });
    expect(echoed.status, JSON.stringify(echoed.body)).toBe(200);
    expect(echoed.headers.get("x-request-id")).toBe("trace-me-123");
    expect(echoed.body).toMatchObject({ payments: "operational" });
    const generated = await http("GET", "/v1/cart");
    expect(generated.status).toBe(401);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an empty cart's checkout 422, and replays that for the same key", async () => {
    const token = await tokenFor(`carol-${randomUUID().slice(0, 8)}`);
    const headers = { "idempotency-key": randomUUID() };
    const first = await http("POST", "/v1/checkout", { token, body: { paymentToken: "tok_ok" }, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(422);
    expect(first.headers.get("content-type")).toContain("application/problem+json");
    const again = await http("POST", "/v1/checkout", { token, body: { paymentToken: "tok_ok" }, headers });
    expect(again.status).toBe(422);
    expect(again.body).toEqual(first.body);
  });

  it("answers 503 with Retry-After when a service does not answer", async () => {
    const closed = await startGatewayService(
      loadGatewayConfig({
        ...gatewayEnv,
        NOTIFICATION_URL: "http://127.0.0.1:9",
        UPSTREAM_TIMEOUT_MS: "1000",
      }),
      { port: 0 },
    );
    try {
      const url = (await closed.getUrl()).replace("[::1]", "127.0.0.1");
      const response = await fetch(`${url}/v1/status`);
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(response.headers.get("x-request-id")).toBeTruthy();
    } finally {
      await closed.close();
    }
  });
});
