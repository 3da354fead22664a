import { createPeakshopClient } from "@peakshop/client";
import { resolveImages, waitFor } from "@peakshop/testing";
import { randomBytes, randomUUID } from "node:crypto";
import { Network, type StartedNetwork } from "testcontainers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import {
  buildServiceImage,
  imagesOf,
  PeakshopEnvironment,
  SERVICES,
  type PeakshopService,
  type StartedPeakshopEnvironment,
} from "../src";
import { TraceReceiver, type ReceivedSpan } from "./support/trace-receiver";

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

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
    for (const service of Object.keys(SERVICES) as PeakshopService[])
      await buildServiceImage(service, {
        repository: REPOSITORY,
        nodeImage: process.env["PEAKSHOP_NODE_IMAGE"],
      });
    const local = resolveImages();
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
    const trace = await waitFor(
      async () => {
        const spans = await traces.spans(traceId);
        const services = new Set(spans.map((span) => span.service));
        return CHECKOUT_PATH.every((service) => services.has(service)) ? spans : undefined;
      },
      { timeoutMs: 30_000, description: "spans of every service in the checkout's trace" },
    );
    expect(unconnected(trace, callerSpanId)).toEqual([]);
    expect(trace.filter((span) => span.name.startsWith("send ")).length).toBeGreaterThanOrEqual(4);

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
