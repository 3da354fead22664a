import { createPeakshopClient } from "@peakshop/client";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collect, short, startGatewayHarness, type GatewayHarness } from "./support/gateway-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("the gateway in front of the checkout system, through the typed client", () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness(ctx);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("runs a checkout for the token's customer, once per Idempotency-Key, visible only to them", async () => {
    const alice = await h.signIn(`alice-${short()}`);
    const mallory = await h.signIn(`mallory-${short()}`);
    const sku = `lantern-${short()}`;
    const product = { name: "Festival lantern", priceCents: 1250, currency: "EUR", stock: 10 };

    const unauthenticated = await h.anonymous.api.GET("/v1/cart");
    expect(unauthenticated.response.status).toBe(401);
    expect(unauthenticated.response.headers.get("content-type")).toContain("application/problem+json");
    const badToken = createPeakshopClient({ baseUrl: h.base, token: "not.a.token" });
    expect((await badToken.api.GET("/v1/cart")).response.status).toBe(401);

    const forbidden = await alice.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: product,
    });
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.error).toMatchObject({ status: 403 });
    const created = await h.admin.api.PUT("/v1/admin/products/{sku}", {
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
    // A cursor we never issued is the client's mistake (400), not a failure behind the gateway (502).
    const forged = await alice.api.GET("/v1/orders", { params: { query: { cursor: "0" } } });
    expect(forged.response.status).toBe(400);
    expect(forged.response.headers.get("content-type")).toContain("application/problem+json");

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

  it("answers concurrent duplicates of a checkout 409 with Retry-After, and places one order", async () => {
    const sku = await h.productOnSale();
    const dave = await h.signIn(`dave-${short()}`);
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
    const erin = await h.signIn(`erin-${short()}`);
    const body = { sku: "lantern", quantity: 1, customerId: "someone-else" } as {
      sku: string;
      quantity: number;
    };
    const answer = await erin.api.POST("/v1/cart/items", { body });
    expect(answer.response.status).toBe(400);
    expect(answer.response.headers.get("content-type")).toContain("application/problem+json");
    expect(answer.error?.status).toBe(400);
    expect(answer.error?.errors?.length).toBeGreaterThan(0);
    // The cart's bounds (1-99 per line; 0 removes) are the OpenAPI document's, checked at the door.
    for (const quantity of [0, 100]) {
      const outOfRange = await erin.api.POST("/v1/cart/items", { body: { sku: "lantern", quantity } });
      expect(outOfRange.error?.errors?.[0]?.field, String(quantity)).toBe("body.quantity");
    }
    const changed = await erin.api.PATCH("/v1/cart/items/{sku}", {
      params: { path: { sku: "lantern" } },
      body: { quantity: 100 },
    });
    expect(changed.response.status).toBe(400);
  });

  it("echoes X-Request-Id, and makes one up when the client sent none", async () => {
    const echoed = await h.anonymous.api.GET("/v1/status", { headers: { "x-request-id": "trace-me-123" } });
    expect(echoed.response.status).toBe(200);
    expect(echoed.response.headers.get("x-request-id")).toBe("trace-me-123");
    expect(echoed.data).toMatchObject({ payments: "operational" });
    const generated = await h.anonymous.api.GET("/v1/cart");
    expect(generated.response.status).toBe(401);
    expect(generated.response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an empty cart's checkout 422, and replays that for the same key", async () => {
    const frank = await h.signIn(`frank-${short()}`);
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

  it("answers a method the API does not declare on a declared path 405 with Allow, and unknown paths 404", async () => {
    // fetch refuses TRACE (a forbidden method), so plain node:http asks.
    const raw = (method: string, path: string) =>
      new Promise<{ status: number; allow?: string; type?: string; requestId?: string }>(
        (resolve, reject) => {
          const request = httpRequest(`${h.base}${path}`, { method }, (response) => {
            response.resume();
            resolve({
              status: response.statusCode ?? 0,
              allow: response.headers["allow"],
              type: response.headers["content-type"],
              requestId: response.headers["x-request-id"] as string | undefined,
            });
          });
          request.on("error", reject);
          request.end();
        },
      );
    const trace = await raw("TRACE", "/v1/cart");
    expect(trace).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(trace.type).toContain("application/problem+json");
    expect(trace.requestId).toBeTruthy();
    expect(await raw("PUT", "/v1/checkout")).toMatchObject({ status: 405, allow: "POST" });
    // QUERY (a safe method with a body, being standardised) is no way around it either.
    expect(await raw("QUERY", "/v1/cart")).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(await raw("DELETE", `/v1/orders/${randomUUID()}/cancel`)).toMatchObject({
      status: 405,
      allow: "POST",
    });
    expect((await raw("GET", "/v1/nothing-here")).status).toBe(404);
  });

  it("serves its OpenAPI document (the checked-in one) and a browsable view of it", async () => {
    const served = await (await fetch(`${h.base}/openapi.json`)).json();
    const checkedIn = JSON.parse(readFileSync(new URL("../openapi.json", import.meta.url), "utf8"));
    expect(served).toEqual(checkedIn);
    const page = await fetch(`${h.base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/openapi.json");
    const script = await fetch(`${h.base}/docs/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${h.base}/docs/..%2Fpackage.json`)).status).toBe(404);
  });
});
