import type { INestApplication } from "@nestjs/common";
import { loadGatewayConfig, startGatewayService } from "@peakshop/gateway/app";
import {
  gatewaySettingsFor,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runFlashSale } from "../src/flash-sale";

const ctx = testContext(inject("peakshopInfrastructure"));

/** `pnpm demo` in small, against the whole system: the bank goes down mid-sale and every promise holds. */
describe("the flash sale demo", () => {
  let system: CheckoutSystem;
  let gateway: INestApplication;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    gateway = await startGatewayService(
      loadGatewayConfig(await gatewaySettingsFor(ctx, system, { SSE_POLL_INTERVAL_MS: "250" })),
      { port: 0 },
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await system?.stop();
  });

  it("sells out without overselling, charges each confirmed order once, and tells everyone", async () => {
    const lines: string[] = [];
    const { sale, verdict } = await runFlashSale({
      gatewayUrl: (await gateway.getUrl()).replace("[::1]", "127.0.0.1"),
      bankUrl: system.urls.bank,
      stock: 6,
      shoppers: { before: 3, during: 3, after: 2 },
      declinedCards: 1,
      outageMs: 3_000,
      settleTimeoutMs: 90_000,
      say: (line) => lines.push(line),
    });
    const story = lines.join("\n");
    expect(
      verdict.checks.filter((check) => !check.ok),
      story,
    ).toEqual([]);
    expect(sale.orders).toHaveLength(8);
    const statuses = sale.orders.map((order) => order.status);
    expect(statuses.filter((status) => status === "CONFIRMED").length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === "CANCELLED")).toHaveLength(1);
    expect(sale.notifications["order-received"]).toBe(8);
    expect(story).toContain("The bank goes down");
    expect(story).toContain("Promises");
    console.log(story);
  });
});
