import {
  NO_BANK_FAULTS as NO_FAULTS,
  PAYMENT_DEADLINE_MS,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeSchedule, drawSchedule, type ScheduledFault } from "../src/fault-schedule";
import { checkAll, type AcceptedCheckout } from "../src/verdicts";
import { gatherEvidence, waitUntilFinal } from "./support/campaign-evidence";
import { http, shop, type Shopper } from "./support/campaign-workload";

// The short seeded campaign CI runs on the in-process system: a flash sale
// (a hot SKU that sells out, replayed checkouts, cancels, declined cards)
// while the bank fails in the ways a seed draws and the payment service
// restarts; then it heals, and the checker judges I1-I7 from what the
// services say. PEAKSHOP_CHAOS_SEED replays another seed.

const ctx = testContext(inject("peakshopInfrastructure"));
const SEED = Number(process.env.PEAKSHOP_CHAOS_SEED ?? 20261111);
const FAULTS_MS = 30_000;
const SHOPPERS = 36;
const BANK_TIMEOUT_MS = 1_000; // startCheckoutSystem's payment setting
const DRAIN_MS = 30_000;

describe(`seeded fault campaign (seed ${SEED})`, () => {
  let system: CheckoutSystem;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it("keeps I1-I7 through bank faults and payment restarts: no violation, no unknown", async () => {
    const schedule = drawSchedule(SEED, { durationMs: FAULTS_MS, bankTimeoutMs: BANK_TIMEOUT_MS });
    const rng = xoroshiro128plus(SEED);
    const draw = (from: number, to: number) => uniformInt(rng, from, to);
    const hot = await product(8);
    const normal = [await product(200), await product(200)];
    const shoppers: Shopper[] = Array.from({ length: SHOPPERS }, () => ({
      customerId: `chaos-${randomUUID().slice(0, 8)}`,
      sku: draw(0, 2) === 0 ? hot : normal[draw(0, 1)]!,
      paymentToken: draw(0, 9) === 0 ? "tok_declined" : "tok_ok",
      replays: draw(0, 4) === 0,
      ...(draw(0, 5) === 0 ? { cancelAfterMs: draw(0, 3_000) } : {}),
    }));
    const started = Date.now();
    const faults = playSchedule(schedule, started);
    const outcomes = await Promise.all(
      shoppers.map(async (shopper, index) => {
        await sleepUntil(started + (index * FAULTS_MS) / SHOPPERS);
        return shop(system, shopper);
      }),
    );
    await faults;
    await http("PUT", `${system.urls.bank}/v1/faults`, NO_FAULTS);
    const healedAtMs = Date.now();
    const accepted = outcomes.flatMap((o) => (o.accepted ? [o.accepted] : [])) as AcceptedCheckout[];
    await waitUntilFinal(system, accepted, PAYMENT_DEADLINE_MS + DRAIN_MS);
    const evidence = await gatherEvidence(system, {
      accepted,
      healedAtMs,
      drainMs: DRAIN_MS,
      replays: outcomes.flatMap((o) => (o.replay ? [o.replay] : [])),
      stockOnSale: new Map([
        [hot, 8],
        [normal[0]!, 200],
        [normal[1]!, 200],
      ]),
    });
    const verdicts = checkAll(evidence);
    console.log(
      [
        `seed ${SEED}: ${accepted.length} checkouts accepted`,
        ...describeSchedule(schedule),
        ...verdicts.map((v) => `${v.invariant} ${v.verdict.padEnd(8)} ${v.detail}`),
      ].join("\n"),
    );
    expect(verdicts.filter((v) => v.verdict !== "ok")).toEqual([]);
  }, 180_000);

  async function product(stock: number): Promise<string> {
    const sku = `chaos-${randomUUID().slice(0, 8)}`;
    const answer = await http("PUT", `${system.urls.inventory}/v1/admin/products/${sku}`, {
      name: "Double 11 lantern",
      priceCents: 1999,
      currency: "EUR",
      stock,
    });
    expect(answer.status).toBe(201);
    return sku;
  }

  /** Turns each fault on and off at its time; bank faults replace each other, restarts happen at once. */
  async function playSchedule(schedule: readonly ScheduledFault[], started: number): Promise<void> {
    const events = schedule.flatMap(
      ({ atMs, forMs, fault }): { atMs: number; run: () => Promise<unknown> }[] =>
        fault.kind === "bank"
          ? [
              {
                atMs,
                run: () => http("PUT", `${system.urls.bank}/v1/faults`, { ...NO_FAULTS, ...fault.faults }),
              },
              { atMs: atMs + forMs, run: () => http("PUT", `${system.urls.bank}/v1/faults`, NO_FAULTS) },
            ]
          : [{ atMs, run: () => system.restartPayment() }],
    );
    for (const event of events.sort((a, b) => a.atMs - b.atMs)) {
      await sleepUntil(started + event.atMs);
      await event.run();
    }
  }
});

const sleepUntil = (instant: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now())));
