import type { INestApplication } from "@nestjs/common";
import { createPeakshopClient, type PeakshopClient, type StreamEvent } from "@peakshop/client";
import {
  gatewaySettingsFor,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../src/app";
import { startIdentityProvider, type IdentityProvider } from "./support/identity-provider";

const ctx = testContext(inject("peakshopInfrastructure"));
const short = () => randomUUID().slice(0, 8);
const tokens = new WeakMap<PeakshopClient, string>();

/** Every event of a stream until it ends, bounded so a stream that never ends fails the test. */
async function collect<T>(events: AsyncGenerator<StreamEvent<T>>, max = 20): Promise<StreamEvent<T>[]> {
  const all: StreamEvent<T>[] = [];
  for await (const event of events) {
    all.push(event);
    if (all.length >= max) break;
  }
  return all;
}

describe("the gateway in front of the checkout system, through the typed client", () => {
  let system: CheckoutSystem;
  let gateway: INestApplication;
  let base: string;
  let gatewayEnv: Record<string, string>;
  let anonymous: PeakshopClient;
  let admin: PeakshopClient;

  const urlOf = async (app: INestApplication) => (await app.getUrl()).replace("[::1]", "127.0.0.1");

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    gatewayEnv = await gatewaySettingsFor(ctx, system, {
      SSE_POLL_INTERVAL_MS: "200",
      SSE_ORDER_GRACE_MS: "2000",
    });
    gateway = await startGatewayService(loadGatewayConfig(gatewayEnv), { port: 0 });
    base = await urlOf(gateway);
    anonymous = createPeakshopClient({ baseUrl: base });
    admin = await signIn("ops-admin", ["admin"]);
  });

  afterAll(async () => {
    await gateway?.close();
    await system?.stop();
  });

  async function signIn(customerId: string, roles?: "admin"[]): Promise<PeakshopClient> {
    const { data, response } = await anonymous.api.POST("/v1/auth/dev-token", {
      body: { customerId, ...(roles ? { roles } : {}) },
    });
    expect(response.status).toBe(200);
    const client = createPeakshopClient({ baseUrl: base, token: data!.token });
    tokens.set(client, data!.token);
    return client;
  }

  async function productOnSale(stock = 10): Promise<string> {
    const sku = `lantern-${short()}`;
    const { response } = await admin.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: { name: "Festival lantern", priceCents: 1250, currency: "EUR", stock },
    });
    expect(response.status).toBe(201);
    return sku;
  }

  async function placeOrder(client: PeakshopClient, sku: string, paymentToken = "tok_ok"): Promise<string> {
    const cart = await client.api.POST("/v1/cart/items", { body: { sku, quantity: 2 } });
    expect(cart.response.status, JSON.stringify(cart.error)).toBe(200);
    const { data, response } = await client.api.POST("/v1/checkout", {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { paymentToken },
    });
    expect(response.status).toBe(202);
    return data!.orderId;
  }

  it("runs a checkout for the token's customer, once per Idempotency-Key, visible only to them", async () => {
    const alice = await signIn(`alice-${short()}`);
    const mallory = await signIn(`mallory-${short()}`);
    const sku = `lantern-${short()}`;
    const product = { name: "Festival lantern", priceCents: 1250, currency: "EUR", stock: 10 };

    const unauthenticated = await anonymous.api.GET("/v1/cart");
    expect(unauthenticated.response.status).toBe(401);
    expect(unauthenticated.response.headers.get("content-type")).toContain("application/problem+json");
    const badToken = createPeakshopClient({ baseUrl: base, token: "not.a.token" });
    expect((await badToken.api.GET("/v1/cart")).response.status).toBe(401);

    const forbidden = await alice.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: product,
    });
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.error).toMatchObject({ status: 403 });
    const created = await admin.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: product,
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toEqual({
      sku,
      name: product.name,
      priceCents: 1250,
      currency: "EUR",
      available: 10,
    });

    const listed = await alice.api.GET("/v1/products");
    expect(listed.data?.items.map((item) => item.sku)).toContain(sku);

    const cart = await alice.api.POST("/v1/cart/items", { body: { sku, quantity: 2 } });
    expect(cart.data).toEqual({
      items: [{ sku, name: "Festival lantern", quantity: 2, priceCents: 1250 }],
      totalCents: 2500,
      currency: "EUR",
    });

    const withoutKey = await alice.api.POST("/v1/checkout", {
      params: { header: {} as { "idempotency-key": string } },
      body: { paymentToken: "tok_ok" },
    });
    expect(withoutKey.response.status).toBe(400);

    const key = randomUUID();
    const checkout = (paymentToken: string) =>
      alice.api.POST("/v1/checkout", {
        params: { header: { "idempotency-key": key } },
        body: { paymentToken },
      });
    const accepted = await checkout("tok_ok");
    expect(accepted.response.status, JSON.stringify(accepted.error)).toBe(202);
    const orderId = accepted.data!.orderId;
    expect(accepted.data).toEqual({ orderId, status: "PLACED", statusUrl: `/v1/orders/${orderId}` });

    const replayed = await checkout("tok_ok");
    expect(replayed.response.status).toBe(202);
    expect(replayed.data).toEqual(accepted.data);
    const reused = await checkout("tok_declined");
    expect(reused.response.status).toBe(422);
    expect(reused.error).toMatchObject({ type: "urn:peakshop:problem:idempotency-key-reused" });

    const events = await collect(alice.followOrder(orderId));
    expect(events.map((event) => event.data.status)).toEqual([
      "PLACED",
      "STOCK_RESERVED",
      "PAYMENT_PENDING",
      "CONFIRMED",
    ]);
    expect(events.map((event) => event.id)).toEqual(["1", "2", "3", "4"]);
    expect(events.every((event) => event.type === "status" && event.data.orderId === orderId)).toBe(true);

    const order = await alice.api.GET("/v1/orders/{orderId}", { params: { path: { orderId } } });
    expect(order.data).toMatchObject({ orderId, status: "CONFIRMED", totalCents: 2500, currency: "EUR" });
    expect(order.data?.payment.status).toBe("captured");
    expect(order.data?.history.map((entry) => entry.status)).toEqual(
      events.map((event) => event.data.status),
    );

    const orders = await alice.api.GET("/v1/orders");
    expect(orders.data?.items.map((item) => item.orderId)).toEqual([orderId]);

    const stolen = await mallory.api.GET("/v1/orders/{orderId}", { params: { path: { orderId } } });
    expect(stolen.response.status).toBe(404);
    expect(stolen.response.headers.get("content-type")).toContain("application/problem+json");
    const stolenCancel = await mallory.api.POST("/v1/orders/{orderId}/cancel", {
      params: { path: { orderId } },
    });
    expect(stolenCancel.response.status).toBe(404);
    await expect(collect(mallory.followOrder(orderId))).rejects.toMatchObject({ status: 404 });
    expect((await mallory.api.GET("/v1/orders")).data?.items).toEqual([]);

    const feed = await waitFor(
      async () => {
        const { data } = await alice.api.GET("/v1/notifications");
        return data?.items.some((item) => item.orderId === orderId) ? data : undefined;
      },
      { timeoutMs: 30_000, description: "alice told about her order" },
    );
    expect(feed.items.length).toBeGreaterThan(0);
  });

  it("resumes an order's stream after Last-Event-ID, and answers 204 once it has all of it", async () => {
    const sku = await productOnSale();
    const bob = await signIn(`bob-${short()}`);
    const orderId = await placeOrder(bob, sku, "tok_declined");
    const all = await collect(bob.followOrder(orderId));
    expect(all.at(-1)?.data).toMatchObject({ status: "CANCELLED", reason: expect.any(String) });

    const resumed = await collect(bob.followOrder(orderId, { lastEventId: "2" }));
    expect(resumed.map((event) => event.id)).toEqual(all.slice(2).map((event) => event.id));
    expect(resumed.map((event) => event.data)).toEqual(all.slice(2).map((event) => event.data));

    const finished = await fetch(`${base}/v1/orders/${orderId}/stream`, {
      headers: { authorization: `Bearer ${tokens.get(bob)}`, "last-event-id": all.at(-1)!.id },
    });
    expect(finished.status).toBe(204);
  });

  it("streams a customer's notifications as they come, and resumes after Last-Event-ID", async () => {
    const sku = await productOnSale();
    const carol = await signIn(`carol-${short()}`);
    const controller = new AbortController();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const live = carol.followNotifications({ signal: controller.signal, onOpen: () => opened() });
    const first = live.next();
    await open;

    const orderId = await placeOrder(carol, sku);
    const received: StreamEvent<{ id: string; orderId?: string; kind: string }>[] = [];
    try {
      for (let next = await first; !next.done; next = await live.next()) {
        received.push(next.value);
        if (next.value.data.kind === "order-confirmed" || received.length >= 10) break;
      }
    } finally {
      controller.abort();
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((event) => event.type === "notification" && event.id === event.data.id)).toBe(true);
    expect(received.every((event) => event.data.orderId === orderId)).toBe(true);
    expect(new Set(received.map((event) => event.id)).size).toBe(received.length);
    expect(received.at(-1)?.data.kind).toBe("order-confirmed");

    const resume = new AbortController();
    const after = carol.followNotifications({ lastEventId: received[0]!.id, signal: resume.signal });
    const resumed: string[] = [];
    try {
      for await (const event of after) {
        resumed.push(event.id);
        if (resumed.length === received.length - 1) break;
      }
    } finally {
      resume.abort();
    }
    expect(resumed).toEqual(received.slice(1).map((event) => event.id));
  });

  it("answers concurrent duplicates of a checkout 409 with Retry-After, and places one order", async () => {
    const sku = await productOnSale();
    const dave = await signIn(`dave-${short()}`);
    await dave.api.POST("/v1/cart/items", { body: { sku, quantity: 1 } });
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        dave.api.POST("/v1/checkout", {
          params: { header: { "idempotency-key": key } },
          body: { paymentToken: "tok_ok" },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.response.status);
    expect(
      statuses.every((status) => status === 202 || status === 409),
      String(statuses),
    ).toBe(true);
    const accepted = answers.filter((answer) => answer.response.status === 202);
    expect(accepted.length).toBeGreaterThan(0);
    expect(new Set(accepted.map((answer) => answer.data?.orderId)).size).toBe(1);
    for (const conflict of answers.filter((answer) => answer.response.status === 409)) {
      expect(conflict.response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect(conflict.error).toMatchObject({ type: "urn:peakshop:problem:idempotency-key-in-progress" });
    }
    const orderId = accepted[0]!.data!.orderId;
    const placed = await waitFor(
      async () => {
        const { data } = await dave.api.GET("/v1/orders");
        return data?.items.length ? data.items : undefined;
      },
      { description: `order ${orderId} listed` },
    );
    expect(placed.map((order) => order.orderId)).toEqual([orderId]);
  });

  it("rejects unknown fields with 400 and errors[]", async () => {
    const erin = await signIn(`erin-${short()}`);
    const body = { sku: "lantern", quantity: 1, customerId: "someone-else" } as {
      sku: string;
      quantity: number;
    };
    const answer = await erin.api.POST("/v1/cart/items", { body });
    expect(answer.response.status).toBe(400);
    expect(answer.response.headers.get("content-type")).toContain("application/problem+json");
    expect(answer.error?.status).toBe(400);
    expect(answer.error?.errors?.length).toBeGreaterThan(0);
  });

  it("echoes X-Request-Id, and makes one up when the client sent none", async () => {
    const echoed = await anonymous.api.GET("/v1/status", { headers: { "x-request-id": "trace-me-123" } });
    expect(echoed.response.status).toBe(200);
    expect(echoed.response.headers.get("x-request-id")).toBe("trace-me-123");
    expect(echoed.data).toMatchObject({ payments: "operational" });
    const generated = await anonymous.api.GET("/v1/cart");
    expect(generated.response.status).toBe(401);
    expect(generated.response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an empty cart's checkout 422, and replays that for the same key", async () => {
    const frank = await signIn(`frank-${short()}`);
    const init = {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { paymentToken: "tok_ok" },
    };
    const first = await frank.api.POST("/v1/checkout", init);
    expect(first.response.status).toBe(422);
    expect(first.response.headers.get("content-type")).toContain("application/problem+json");
    const again = await frank.api.POST("/v1/checkout", init);
    expect(again.response.status).toBe(422);
    expect(again.error).toEqual(first.error);
  });

  it("serves its OpenAPI document (the checked-in one) and a browsable view of it", async () => {
    const served = await (await fetch(`${base}/openapi.json`)).json();
    const checkedIn = JSON.parse(readFileSync(new URL("../openapi.json", import.meta.url), "utf8"));
    expect(served).toEqual(checkedIn);
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/openapi.json");
    const script = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${base}/docs/..%2Fpackage.json`)).status).toBe(404);
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
      const client = createPeakshopClient({ baseUrl: await urlOf(closed) });
      const { response, error } = await client.api.GET("/v1/status");
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(response.headers.get("x-request-id")).toBeTruthy();
      expect(error?.detail).toMatch(/notification/);
    } finally {
      await closed.close();
    }
  });

  describe("in production auth mode (JWKS)", () => {
    let provider: IdentityProvider;
    let production: INestApplication;
    let productionUrl: string;

    beforeAll(async () => {
      provider = await startIdentityProvider();
      const { AUTH_DEV_SECRET: _, ...withoutDevSecret } = gatewayEnv;
      production = await startGatewayService(
        loadGatewayConfig({
          ...withoutDevSecret,
          AUTH_MODE: "jwks",
          AUTH_JWKS_URL: provider.jwksUrl,
          AUTH_ISSUER: provider.issuer,
          AUTH_AUDIENCE: provider.audience,
        }),
        { port: 0 },
      );
      productionUrl = await urlOf(production);
    });

    afterAll(async () => {
      await production?.close();
      await provider?.stop();
    });

    it("accepts the identity provider's tokens, refuses others, and serves no dev tokens", async () => {
      const customerId = `grace-${short()}`;
      const grace = createPeakshopClient({ baseUrl: productionUrl, token: await provider.sign(customerId) });
      const cart = await grace.api.GET("/v1/cart");
      expect(cart.response.status, JSON.stringify(cart.error)).toBe(200);
      expect(cart.data).toMatchObject({ items: [], totalCents: 0 });

      const forged = createPeakshopClient({
        baseUrl: productionUrl,
        token: await provider.forge(customerId),
      });
      expect((await forged.api.GET("/v1/cart")).response.status).toBe(401);
      const devSigned = createPeakshopClient({ baseUrl: productionUrl, token: tokens.get(admin) });
      expect((await devSigned.api.GET("/v1/cart")).response.status).toBe(401);

      const devToken = await createPeakshopClient({ baseUrl: productionUrl }).api.POST("/v1/auth/dev-token", {
        body: { customerId },
      });
      expect(devToken.response.status).toBe(404);

      const adminClient = createPeakshopClient({
        baseUrl: productionUrl,
        token: await provider.sign("ops", ["admin"]),
      });
      const sku = `lamp-${short()}`;
      const put = await adminClient.api.PUT("/v1/admin/products/{sku}", {
        params: { path: { sku } },
        body: { name: "Lamp", priceCents: 500, currency: "EUR", stock: 1 },
      });
      expect(put.response.status).toBe(201);
    });
  });
});
