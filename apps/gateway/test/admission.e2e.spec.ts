import type { INestApplication } from "@nestjs/common";
import {
  gatewaySettingsFor,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { request as httpRequest, type ClientRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../src/app";
import { devToken, expectRefusal, metric, metricReaches } from "./support/gateway-calls";
import { urlOf } from "./support/gateway-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

// The gateway's admission metrics these tests read.
const IN_FLIGHT_LIMIT = "peakshop_gateway_requests_in_flight_limit";
const IN_FLIGHT = "peakshop_gateway_requests_in_flight";
const REJECTIONS = "peakshop_gateway_admission_rejections_total";
const REFUSALS_TIMED = "peakshop_gateway_admission_refusal_duration_seconds_count";
const STREAMS_OPEN = "peakshop_gateway_sse_streams_open";
const BACKLOG_REFUSED_SHARE = "peakshop_gateway_saga_backlog_refused_share";

/** The web app's origin, allowed to call the narrow gateway from a browser (its refusals must be readable there). */
const WEB_ORIGIN = "http://shop.example.test";

/** Two gateways on one system: one with tiny rate limits, one that processes a single request at a time. */
describe("admission control at the gateway", () => {
  let system: CheckoutSystem;
  let limited: INestApplication;
  let narrow: INestApplication;
  let limitedUrl: string;
  let narrowUrl: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    const env = await gatewaySettingsFor(ctx, system);
    limited = await startGatewayService(
      loadGatewayConfig({
        ...env,
        RATE_LIMIT_PER_CUSTOMER: "5",
        CHECKOUT_LIMIT_PER_CUSTOMER: "2",
      }),
      { port: 0 },
    );
    narrow = await startGatewayService(
      loadGatewayConfig({
        ...env,
        GATEWAY_MAX_IN_FLIGHT: "1",
        SSE_MAX_STREAMS: "1",
        SSE_ORDER_GRACE_MS: "0",
        GATEWAY_CORS_ORIGINS: WEB_ORIGIN,
      }),
      { port: 0 },
    );
    [limitedUrl, narrowUrl] = [await urlOf(limited), await urlOf(narrow)];
    // Tokens from the narrow gateway (same secret), so none of the limited one's per-IP budget is spent.
    for (const name of ["alice", "bob", "carol", "dave", "erin"]) {
      tokens.set(name, await devToken(narrowUrl, `${name}-${randomUUID().slice(0, 8)}`));
    }
  });

  afterAll(async () => {
    await narrow?.close();
    await limited?.close();
    await system?.stop();
  });

  const call = (base: string, path: string, name?: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        ...(name ? { authorization: `Bearer ${tokens.get(name)}` } : {}),
        ...(init.body ? { "content-type": "application/json" } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  it("answers a customer past their limit 429 with Retry-After, and still serves another customer", async () => {
    for (let index = 0; index < 5; index += 1) {
      expect((await call(limitedUrl, "/v1/products", "alice")).status).toBe(200);
    }
    await expectRefusal(
      await call(limitedUrl, "/v1/products", "alice"),
      429,
      /faster than we can take them; please wait \d+ seconds?\./,
    );
    // The limit is the customer's across routes, not one per route.
    expect((await call(limitedUrl, "/v1/cart", "alice")).status).toBe(429);
    expect((await call(limitedUrl, "/v1/products", "bob")).status).toBe(200);
    // Exempt and unthrottled: the status page.
    expect((await call(limitedUrl, "/v1/status")).status).toBe(200);
    expect(await metric(limitedUrl, REJECTIONS, 'reason="rate_limit"')).toBe(2);
    // Each refusal is timed too (how quick, not asserted: shared machines are noisy).
    expect(await metric(limitedUrl, REFUSALS_TIMED, 'reason="rate_limit"')).toBe(2);
  });

  it("limits checkouts more strictly than other requests", async () => {
    const checkout = () =>
      call(limitedUrl, "/v1/checkout", "carol", {
        method: "POST",
        body: JSON.stringify({ paymentToken: "tok_ok" }),
        headers: { "idempotency-key": randomUUID() },
      });
    // An empty cart: 422, but counted all the same.
    expect((await checkout()).status).toBe(422);
    expect((await checkout()).status).toBe(422);
    await expectRefusal(await checkout(), 429, /checking out faster .* Your cart is saved\./);
    expect((await call(limitedUrl, "/v1/cart", "carol")).status).toBe(200);
    expect(await metric(limitedUrl, REJECTIONS, 'reason="checkout_rate_limit"')).toBe(1);
  });

  it("answers 503 with Retry-After past the in-flight limit, keeps health, metrics and status up, and frees the slot", async () => {
    // Holds the only slot: the request is admitted when its headers arrive, and its body never completes.
    const held: ClientRequest = httpRequest(`${narrowUrl}/v1/auth/dev-token`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": "100" },
    });
    held.on("error", () => undefined);
    held.write('{"customerId":');
    try {
      await metricReaches(narrowUrl, IN_FLIGHT, 1, "the held request admitted");
      const refused = await call(narrowUrl, "/v1/products", "dave", { headers: { origin: WEB_ORIGIN } });
      // A page on the web app's origin can read the refusal's Retry-After for its countdown.
      expect(refused.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
      expect(refused.headers.get("access-control-expose-headers")).toContain("retry-after");
      await expectRefusal(
        refused,
        503,
        /very busy right now; please retry in \d+ seconds?\. Your cart is saved\./,
      );
      expect((await call(narrowUrl, "/health/live")).status).toBe(200);
      expect((await call(narrowUrl, "/v1/status")).status).toBe(200);
      expect(await metric(narrowUrl, REJECTIONS, 'reason="in_flight_limit"')).toBe(1);
      expect(await metric(narrowUrl, REFUSALS_TIMED, 'reason="in_flight_limit"')).toBe(1);
    } finally {
      held.destroy();
    }
    // A client that went away gives its slot back.
    await metricReaches(narrowUrl, IN_FLIGHT, 0, "the aborted request's slot given back");
    expect((await call(narrowUrl, "/v1/products", "dave")).status).toBe(200);
  });

  it("under a burst answers every request at once, 200 or 503 with Retry-After, and never leaks a slot", async () => {
    let refused = 0;
    // Bounded: a burst of 20 on one slot is refused in part almost always; a few tries make it certain enough.
    for (let attempt = 0; attempt < 5 && refused === 0; attempt += 1) {
      const [health, ...answers] = await Promise.all([
        call(narrowUrl, "/health/live"),
        ...Array.from({ length: 20 }, () => call(narrowUrl, "/v1/products", "dave")),
      ]);
      expect(health?.status).toBe(200);
      for (const answer of answers) {
        expect([200, 503]).toContain(answer.status);
        if (answer.status === 503) expect(answer.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
        await answer.arrayBuffer();
      }
      refused += answers.filter((answer) => answer.status === 503).length;
    }
    expect(refused).toBeGreaterThan(0);
    await metricReaches(narrowUrl, IN_FLIGHT, 0, "every slot given back after the burst");
  });

  it("refuses checkouts while the saga is behind its target, with a 503 that says why, and admits them again once it caught up", async () => {
    // A 1 ms target: any checkout's wait in Kafka (milliseconds at least) puts the saga behind it.
    const backlogged = await startGatewayService(
      loadGatewayConfig({
        ...(await gatewaySettingsFor(ctx, system)),
        GATEWAY_SAGA_BACKLOG_TARGET_MS: "1",
        GATEWAY_SAGA_BACKLOG_POLL_MS: "100",
      }),
      { port: 0 },
    );
    try {
      const backloggedUrl = await urlOf(backlogged);
      const checkout = (base: string) =>
        call(base, "/v1/checkout", "erin", {
          method: "POST",
          body: JSON.stringify({ paymentToken: "tok_ok" }),
          headers: { "idempotency-key": randomUUID() },
        });
      const admin = await devToken(backloggedUrl, `ops-${randomUUID().slice(0, 8)}`, ["admin"]);
      const sku = `lantern-${randomUUID().slice(0, 8)}`;
      const product = await fetch(`${backloggedUrl}/v1/admin/products/${sku}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Festival lantern", priceCents: 1250, currency: "EUR", stock: 5 }),
      });
      expect(product.status).toBe(201);
      const added = await call(backloggedUrl, "/v1/cart/items", "erin", {
        method: "POST",
        body: JSON.stringify({ sku, quantity: 1 }),
      });
      expect(added.status).toBe(200);
      // Earlier tests' checkouts count against the 1 ms target for two windows (about 4 s): wait them out.
      await waitFor(
        async () =>
          (await metric(backloggedUrl, "peakshop_gateway_saga_backlog_delay_seconds")) !== undefined &&
          (await metric(backloggedUrl, BACKLOG_REFUSED_SHARE)) === 0,
        { timeoutMs: 15_000, description: "a reading of the saga backlog with no earlier checkout in it" },
      );
      expect((await checkout(backloggedUrl)).status).toBe(202);
      await metricReaches(
        backloggedUrl,
        BACKLOG_REFUSED_SHARE,
        1,
        "the gateway to read that the saga is behind",
      );
      await expectRefusal(
        await checkout(backloggedUrl),
        503,
        /more orders than we can finish right now; please retry your checkout in \d+ seconds?\. Your cart is saved\./,
      );
      expect(await metric(backloggedUrl, REJECTIONS, 'reason="saga_backlog"')).toBe(1);
      // Only checkouts are weighed: the rest of the API answers as usual.
      expect((await call(backloggedUrl, "/v1/cart", "erin")).status).toBe(200);
      // With no checkout for two windows (about 4 s) nothing is behind any more.
      await waitFor(async () => (await metric(backloggedUrl, BACKLOG_REFUSED_SHARE)) === 0, {
        timeoutMs: 15_000,
        description: "the backlog reading to fall back once checkouts stopped",
      });
      // Admitted again (an empty cart now: 422 from cart).
      expect((await checkout(backloggedUrl)).status).toBe(422);
    } finally {
      await backlogged.close();
    }
  });

  it("bounds open event streams apart from requests in flight: 503 past SSE_MAX_STREAMS, slot back on close", async () => {
    // A refused stream (no such order) gives its slot back with its answer.
    const missing = await call(narrowUrl, `/v1/orders/${randomUUID()}/stream`, "alice");
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
    await metricReaches(narrowUrl, STREAMS_OPEN, 0, "the refused stream's slot given back");

    const open = new AbortController();
    const stream = await call(narrowUrl, "/v1/notifications/stream", "alice", { signal: open.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    try {
      await metricReaches(narrowUrl, STREAMS_OPEN, 1, "the stream counted");
      // The open stream takes no request slot: the narrow gateway still serves requests.
      expect((await call(narrowUrl, "/v1/products", "bob")).status).toBe(200);
      await expectRefusal(
        await call(narrowUrl, "/v1/notifications/stream", "bob"),
        503,
        /very busy right now; please retry in \d+ seconds?\./,
      );
      expect(await metric(narrowUrl, REJECTIONS, 'reason="stream_limit"')).toBe(1);
    } finally {
      open.abort();
    }
    await metricReaches(narrowUrl, STREAMS_OPEN, 0, "the closed stream's slot given back");
    const again = new AbortController();
    const reopened = await call(narrowUrl, "/v1/notifications/stream", "bob", { signal: again.signal });
    expect(reopened.status).toBe(200);
    again.abort();
  });

  it("adapts its limit by default and reports it with the latencies it compares", async () => {
    // Adaptive: it starts at 64 and may already have moved with the earlier tests' answers.
    const initial = await metric(limitedUrl, IN_FLIGHT_LIMIT);
    expect(initial).toBeGreaterThanOrEqual(8);
    expect(initial).toBeLessThanOrEqual(512);
    expect(await metric(narrowUrl, IN_FLIGHT_LIMIT)).toBe(1);
    // Enough answers to close a window of the adaptive limit (10 answers, 500 ms).
    await waitFor(
      async () => {
        await Promise.all(Array.from({ length: 12 }, () => call(limitedUrl, "/v1/products", "dave")));
        return Number.isFinite(
          await metric(limitedUrl, "peakshop_gateway_admission_latency_seconds", 'window="long"'),
        );
      },
      { timeoutMs: 30_000, description: "the adaptive limit's first measured window" },
    );
    const limit = await metric(limitedUrl, IN_FLIGHT_LIMIT);
    expect(limit).toBeGreaterThanOrEqual(8);
    expect(limit).toBeLessThanOrEqual(512);
  });
});
