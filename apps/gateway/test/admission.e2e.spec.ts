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

const ctx = testContext(inject("peakshopInfrastructure"));

/** Two gateways on one system: one with tiny rate limits, one that processes a single request at a time. */
describe("admission control at the gateway", () => {
  let system: CheckoutSystem;
  let limited: INestApplication;
  let narrow: INestApplication;
  let limitedUrl: string;
  let narrowUrl: string;
  const tokens = new Map<string, string>();

  const urlOf = async (app: INestApplication) => (await app.getUrl()).replace("[::1]", "127.0.0.1");

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
      }),
      { port: 0 },
    );
    [limitedUrl, narrowUrl] = [await urlOf(limited), await urlOf(narrow)];
    // Tokens from the narrow gateway (same secret), so none of the limited one's per-IP budget is spent.
    for (const name of ["alice", "bob", "carol", "dave"]) {
      const customerId = `${name}-${randomUUID().slice(0, 8)}`;
      const response = await fetch(`${narrowUrl}/v1/auth/dev-token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customerId }),
      });
      expect(response.status).toBe(200);
      tokens.set(name, ((await response.json()) as { token: string }).token);
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

  async function expectRefusal(response: Response, status: 429 | 503, detail: RegExp): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const problem = (await response.json()) as { status: number; detail: string };
    expect(problem.status).toBe(status);
    expect(problem.detail).toMatch(detail);
    expect(problem.detail).toContain(response.headers.get("retry-after"));
  }

  /** A metric's value from the gateway's /metrics, by name and an optional label. */
  async function metric(base: string, name: string, label = ""): Promise<number | undefined> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text.split("\n").find((row) => row.startsWith(`${name}{`) && row.includes(label));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
  }

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
    expect(await metric(limitedUrl, "gateway_admission_rejections_total", 'reason="rate_limit"')).toBe(2);
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
    expect(
      await metric(limitedUrl, "gateway_admission_rejections_total", 'reason="checkout_rate_limit"'),
    ).toBe(1);
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
      await waitFor(async () => (await metric(narrowUrl, "gateway_requests_in_flight")) === 1, {
        timeoutMs: 10_000,
        description: "the held request admitted",
      });
      await expectRefusal(
        await call(narrowUrl, "/v1/products", "dave"),
        503,
        /very busy right now; please retry in \d+ seconds?\. Your cart is saved\./,
      );
      expect((await call(narrowUrl, "/health/live")).status).toBe(200);
      expect((await call(narrowUrl, "/v1/status")).status).toBe(200);
      expect(await metric(narrowUrl, "gateway_admission_rejections_total", 'reason="in_flight_limit"')).toBe(
        1,
      );
    } finally {
      held.destroy();
    }
    // A client that went away gives its slot back.
    await waitFor(async () => (await metric(narrowUrl, "gateway_requests_in_flight")) === 0, {
      timeoutMs: 10_000,
      description: "the aborted request's slot given back",
    });
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
    await waitFor(async () => (await metric(narrowUrl, "gateway_requests_in_flight")) === 0, {
      timeoutMs: 10_000,
      description: "every slot given back after the burst",
    });
  });

  it("bounds open event streams apart from requests in flight: 503 past SSE_MAX_STREAMS, slot back on close", async () => {
    // A refused stream (no such order) gives its slot back with its answer.
    const missing = await call(narrowUrl, `/v1/orders/${randomUUID()}/stream`, "alice");
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
    await waitFor(async () => (await metric(narrowUrl, "gateway_sse_streams_open")) === 0, {
      timeoutMs: 10_000,
      description: "the refused stream's slot given back",
    });

    const open = new AbortController();
    const stream = await call(narrowUrl, "/v1/notifications/stream", "alice", { signal: open.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    try {
      await waitFor(async () => (await metric(narrowUrl, "gateway_sse_streams_open")) === 1, {
        timeoutMs: 10_000,
        description: "the stream counted",
      });
      // The open stream takes no request slot: the narrow gateway still serves requests.
      expect((await call(narrowUrl, "/v1/products", "bob")).status).toBe(200);
      await expectRefusal(
        await call(narrowUrl, "/v1/notifications/stream", "bob"),
        503,
        /very busy right now; please retry in \d+ seconds?\./,
      );
      expect(await metric(narrowUrl, "gateway_admission_rejections_total", 'reason="stream_limit"')).toBe(1);
    } finally {
      open.abort();
    }
    await waitFor(async () => (await metric(narrowUrl, "gateway_sse_streams_open")) === 0, {
      timeoutMs: 10_000,
      description: "the closed stream's slot given back",
    });
    const again = new AbortController();
    const reopened = await call(narrowUrl, "/v1/notifications/stream", "bob", { signal: again.signal });
    expect(reopened.status).toBe(200);
    again.abort();
  });

  it("adapts its limit by default and reports it with the latencies it compares", async () => {
    // Adaptive: it starts at 64 and may already have moved with the earlier tests' answers.
    const initial = await metric(limitedUrl, "gateway_requests_in_flight_limit");
    expect(initial).toBeGreaterThanOrEqual(8);
    expect(initial).toBeLessThanOrEqual(512);
    expect(await metric(narrowUrl, "gateway_requests_in_flight_limit")).toBe(1);
    // Enough answers to close a window of the adaptive limit (10 answers, 500 ms).
    await waitFor(
      async () => {
        await Promise.all(Array.from({ length: 12 }, () => call(limitedUrl, "/v1/products", "dave")));
        return Number.isFinite(
          await metric(limitedUrl, "gateway_admission_latency_seconds", 'window="long"'),
        );
      },
      { timeoutMs: 30_000, description: "the adaptive limit's first measured window" },
    );
    const limit = await metric(limitedUrl, "gateway_requests_in_flight_limit");
    expect(limit).toBeGreaterThanOrEqual(8);
    expect(limit).toBeLessThanOrEqual(512);
  });
});
