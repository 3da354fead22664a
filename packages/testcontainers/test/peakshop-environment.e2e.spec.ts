import { createPeakshopClient } from "@peakshop/client";
import { resolveImages, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import {
  buildServiceImage,
  PeakshopEnvironment,
  SERVICES,
  type PeakshopService,
  type StartedPeakshopEnvironment,
} from "../src";

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The module as another team would use it, on this repository's images:
 * built here from infra/docker/service.Dockerfile (tag dev, as scripts/up.sh
 * does), with the configured Kafka, PostgreSQL and SMTP images.
 */
describe("PeakshopEnvironment", () => {
  let peakshop: StartedPeakshopEnvironment;

  beforeAll(async () => {
    for (const service of Object.keys(SERVICES) as PeakshopService[])
      await buildServiceImage(service, {
        repository: REPOSITORY,
        nodeImage: process.env["PEAKSHOP_NODE_IMAGE"],
      });
    const local = resolveImages();
    peakshop = await new PeakshopEnvironment({
      tag: "dev",
      images: { postgres: local.postgres, kafka: local.kafka, smtp: local.smtp },
    }).start();
  }, 1_200_000);

  afterAll(async () => {
    await peakshop?.stop();
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
    const { data: accepted } = await shopper.api.POST("/v1/checkout", {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { paymentToken: "tok_ok" },
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
    // The bank simulator takes faults (setBankFaults throws on anything but its 200).
    await peakshop.setBankFaults({ outage: true });
    await peakshop.setBankFaults({});
  });
});
