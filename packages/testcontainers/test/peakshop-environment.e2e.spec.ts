import { createPeakshopClient } from "@peakshop/client";
import { waitFor } from "@peakshop/testing";
import { randomBytes, randomUUID } from "node:crypto";
import { Network, type StartedNetwork } from "testcontainers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imagesOf, PeakshopEnvironment, type PeakshopService, type StartedPeakshopEnvironment } from "../src";
import { buildCheckoutImages } from "./support/checkout-images";
import { TraceReceiver, type ReceivedSpan } from "./support/trace-receiver";

/** Every service a checkout passes through. */
const CHECKOUT_PATH: PeakshopService[] = [
  "gateway",
  "cart",
  "order",
  "inventory",
  "payment",
  "bank-simulator",
  "notification",
];
/** The span of an e-mail sent from notification's delivery queue. */
const EMAIL_SENT = "notification: notification deliver email";

/**
 * The module as another team would use it, on this repository's images:
 * built here from infra/docker/service.Dockerfile (tag dev, as scripts/up.sh
 * does), with the configured Kafka, PostgreSQL and SMTP images; on a network
 * of the test's, with the services' traces sent to a receiver on it.
 */
describe("PeakshopEnvironment", () => {
  let network: StartedNetwork;
  let traces: TraceReceiver;
  let peakshop: StartedPeakshopEnvironment;

  beforeAll(async () => {
    const local = await buildCheckoutImages();
    network = await new Network().start();
    traces = await TraceReceiver.start(network, imagesOf({ tag: "dev" })["bank-simulator"]);
    peakshop = await new PeakshopEnvironment({
      tag: "dev",
      images: { postgres: local.postgres, kafka: local.kafka, smtp: local.smtp },
      network,
      serviceEnvironment: TraceReceiver.serviceEnvironment,
    }).start();
  }, 1_200_000);

  afterAll(async () => {
    await peakshop?.stop();
    await traces?.stop();
    await network?.stop();
  });

  it("runs a checkout through the gateway to CONFIRMED, and hands over the bank's faults", async () => {
    const admin = createPeakshopClient({
      baseUrl: peakshop.gatewayUrl,
      token: await peakshop.token("ops", ["admin"]),
    });
    const sku = `TC-${randomUUID().slice(0, 8)}`;
    const put = await admin.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: { name: "Container lantern", priceCents: 500, currency: "EUR", stock: 2 },
    });
    expect(put.response.status).toBe(201);
    const shopper = createPeakshopClient({
      baseUrl: peakshop.gatewayUrl,
      token: await peakshop.token("tc-shopper"),
    });
    await shopper.api.POST("/v1/cart/items", { body: { sku, quantity: 1 } });
    // The checkout joins a trace of the caller's, as a browser's or an upstream's would.
    const traceId = randomBytes(16).toString("hex");
    const callerSpanId = randomBytes(8).toString("hex");
    const { data: accepted } = await shopper.api.POST("/v1/checkout", {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { paymentToken: "tok_ok" },
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
    });
    await waitFor(
      async () => {
        const { data } = await shopper.api.GET("/v1/orders/{orderId}", {
          params: { path: { orderId: accepted!.orderId } },
        });
        return data?.status === "CONFIRMED" ? data : undefined;
      },
      { timeoutMs: 60_000, description: "the order confirmed" },
    );
    // One trace, through every service, each span hanging under another of it
    // or under the caller's: the outbox, the relay, Kafka and the payment
    // schedule kept the context between them.
    // Spans arrive as each service exports them (a parent may come after its
    // child), so wait for the whole trace, then say what is missing if it never came.
    let trace: ReceivedSpan[] = [];
    const named = () => trace.map((span) => `${span.service}: ${span.name}`);
    const whole = () =>
      CHECKOUT_PATH.every((service) => trace.some((span) => span.service === service)) &&
      named().includes(EMAIL_SENT) &&
      unconnected(trace, callerSpanId).length === 0;
    await waitFor(
      async () => {
        trace = await traces.spans(traceId);
        return whole() || undefined;
      },
      { timeoutMs: 30_000, description: "one connected trace through every service" },
    ).catch(() => undefined);
    expect([...new Set(trace.map((span) => span.service))]).toEqual(expect.arrayContaining(CHECKOUT_PATH));
    expect(unconnected(trace, callerSpanId)).toEqual([]);
    expect(trace.filter((span) => span.name.startsWith("send ")).length).toBeGreaterThanOrEqual(4);
    // Server spans are named by their route template, not the raw path.
    expect(named()).toContain("gateway: POST /v1/checkout");
    // Each NestJS handler that answered has a span of its own under its server span.
    expect(named()).toEqual(
      expect.arrayContaining(["gateway: CheckoutController.checkout", "cart: CartsController.checkOut"]),
    );
    // The customer's e-mail, sent later from notification's delivery queue, joins the trace too.
    expect(named()).toContain(EMAIL_SENT);

    // The bank simulator takes faults (setBankFaults throws on anything but its 200).
    await peakshop.setBankFaults({ outage: true });
    await peakshop.setBankFaults({});
  });
});

/** Spans whose parent is neither in the trace nor the caller's span. */
function unconnected(trace: ReceivedSpan[], callerSpanId: string): string[] {
  const ids = new Set([callerSpanId, ...trace.map((span) => span.spanId)]);
  return trace
    .filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId))
    .map((span) => `${span.service}: ${span.name}`);
}
