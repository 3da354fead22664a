import type { INestApplication } from "@nestjs/common";
import { loadGatewayConfig, startGatewayService } from "@peakshop/gateway/app";
import {
  gatewaySettingsFor,
  PAYMENT_DEADLINE_MS,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCampaign, type FaultPlayer } from "../src/campaign";
import { describeSchedule } from "../src/fault-schedule";

// The short seeded campaign CI runs on the in-process system behind its
// gateway: the flash sale of `runCampaign`, through the public API, while the bank fails in the ways a seed draws and the
// payment service restarts; then it heals, and the checker judges I1-I7 from
// what the services say. PEAKSHOP_CHAOS_SEED replays another seed. Process
// kills and broker and database restarts need the compose system: `pnpm chaos`.

const ctx = testContext(inject("peakshopInfrastructure"));
const SEED = Number(process.env.PEAKSHOP_CHAOS_SEED ?? 20261111);

describe(`seeded fault campaign (seed ${SEED})`, () => {
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

  it("keeps I1-I7 through bank faults and payment restarts: no violation, no unknown", async () => {
    const inProcess: FaultPlayer = {
      restart: () => system.restartPayment(),
      kill: () => Promise.reject(new Error("the in-process system cannot kill a service")),
      start: () => Promise.resolve(),
      breakWire: () => Promise.reject(new Error("the in-process system has no wire of its own to break")),
      mendWires: () => Promise.resolve(),
    };
    const result = await runCampaign({
      seed: SEED,
      system: {
        gatewayUrl: (await gateway.getUrl()).replace("[::1]", "127.0.0.1"),
        devSecret: settings["AUTH_DEV_SECRET"]!,
        bankUrl: system.urls.bank,
      },
      faults: inProcess,
      // The bank timeout is startCheckoutSystem's payment setting.
      schedule: { durationMs: 30_000, bankTimeoutMs: 1_000, restartable: ["payment"] },
      shoppers: 36,
      paymentDeadlineMs: PAYMENT_DEADLINE_MS,
      drainMs: 30_000,
    });
    console.log(
      [
        `seed ${SEED}: ${result.accepted} checkouts accepted; placed nothing: ${JSON.stringify(result.refused)}`,
        ...describeSchedule(result.schedule),
        ...result.faultsNotPlayed.map((line) => `not played: ${line}`),
        ...result.verdicts.map((v) => `${v.invariant} ${v.verdict.padEnd(8)} ${v.detail}`),
      ].join("\n"),
    );
    expect(result.accepted).toBeGreaterThan(30);
    expect(result.faultsNotPlayed).toEqual([]);
    expect(result.verdicts.filter((v) => v.verdict !== "ok")).toEqual([]);
  }, 180_000);
});
