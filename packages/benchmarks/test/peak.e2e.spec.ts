import type { INestApplication } from "@nestjs/common";
import { loadGatewayConfig, startGatewayService } from "@peakshop/gateway/app";
import {
  gatewaySettingsFor,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runPeakBenchmark } from "../src/peak/peak-benchmark";
import { peakReport, plotPoints } from "../src/peak/peak-report";
import { loadPlotSvg } from "../src/peak/load-plot";

const infrastructure = inject("peakshopInfrastructure");
const ctx = testContext(infrastructure);

/**
 * `pnpm bench:peak` in small against the whole system in-process, for
 * correctness only: every phase runs, every accepted order ends final, the
 * bank and the stock agree with the orders, and the report is written. No
 * timing is asserted: this machine is shared.
 */
describe("bench:peak in small", () => {
  let system: CheckoutSystem;
  let gateway: INestApplication;
  let settings: Record<string, string>;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    settings = await gatewaySettingsFor(ctx, system);
    gateway = await startGatewayService(loadGatewayConfig(settings), { port: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await system?.stop();
  });

  it("runs every phase, keeps I1-I3 and reports them", async () => {
    const gatewayUrl = (await gateway.getUrl()).replace("[::1]", "127.0.0.1");
    const lines: string[] = [];
    const result = await runPeakBenchmark({
      gatewayUrl,
      bankUrl: system.urls.bank,
      devSecret: settings["AUTH_DEV_SECRET"]!,
      services: [
        { name: "gateway", url: gatewayUrl },
        ...(["order", "cart", "inventory", "payment", "notification"] as const).map((name) => ({
          name,
          url: system.urls[name],
        })),
      ],
      postgresUrl: infrastructure.postgresAdminUrl,
      postgresDatabases: "%",
      kafkaBrokers: infrastructure.kafkaBrokers,
      steps: [4, 8],
      stepSeconds: 4,
      holdFraction: 0.8,
      holdSeconds: 4,
      overloadFactor: 2,
      overloadSeconds: 2,
      lowLoad: { clients: 2, orders: 6 },
      skuCount: 3,
      drainTimeoutMs: 90_000,
      baselineScale: { messages: 500, requests: 500, postgresClients: 4 },
      say: (line) => lines.push(line),
    });
    const story = lines.join("\n");

    expect(
      result.invariants.filter((check) => !check.ok),
      story,
    ).toEqual([]);
    expect(result.steps.length, story).toBeGreaterThan(0);
    const arrivals = [...result.steps, result.hold?.phase, result.overload].reduce(
      (sum, phase) => sum + (phase?.accepted ?? 0),
      result.lowLoad.checkoutToFinalMs.length,
    );
    expect(result.orders.accepted).toBe(arrivals);
    // Stock is ample and the bank healthy: nothing is rejected; a saga slower than this
    // system's 12 s payment deadline on a busy machine may end CANCELLED, and I2 holds for it.
    expect(result.orders.byStatus["REJECTED"] ?? 0).toBe(0);
    expect(result.orders.byStatus["CONFIRMED"] ?? 0).toBeGreaterThan(0);
    expect(result.lowLoad.checkoutToFinalMs).toHaveLength(6);
    expect(result.baselines.emptyRoutePerSecond).toBeGreaterThan(0);
    expect(result.samples.length).toBeGreaterThan(0);

    const report = peakReport(result, { machine: "test", date: "today", reproduce: "vitest" });
    expect(report).toContain("## Summary");
    for (const check of result.invariants) expect(report).toContain(`| ${check.id} | holds`);
    expect(loadPlotSvg(plotPoints(result), "test")).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });
});
