import { randomUUID } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { gatherEvidence, waitUntilFinal } from "./evidence";
import { drawSchedule, type BankFaults, type ScheduleOptions, type ScheduledFault } from "./fault-schedule";
import type { SystemUrls } from "./system-urls";
import { checkAll, type AcceptedCheckout, type InvariantVerdict } from "./verdicts";
import { http, ordersOfIndeterminate, shop, type Shopper } from "./workload";

/** How faults reach the system: the in-process one and the compose one differ. */
export interface FaultPlayer {
  restart(service: string): Promise<void>;
  kill(services: readonly string[]): Promise<void>;
  start(services: readonly string[]): Promise<void>;
}

export interface CampaignOptions {
  seed: number;
  urls: SystemUrls;
  faults: FaultPlayer;
  schedule: Omit<ScheduleOptions, "durationMs"> & { durationMs: number };
  shoppers: number;
  /** The order service's payment deadline: the liveness phase waits that long plus `drainMs`. */
  paymentDeadlineMs: number;
  drainMs: number;
}

export interface CampaignResult {
  seed: number;
  schedule: ScheduledFault[];
  /** Orders checked: every 202, plus orders placed by checkouts that got no definite answer. */
  accepted: number;
  indeterminate: number;
  verdicts: InvariantVerdict[];
}

const HOT_STOCK = 8;
const NORMAL_STOCK = 500;

/**
 * One seeded campaign: a flash sale (a hot SKU that sells out, replayed
 * checkouts, cancels, declined cards) spread over the fault window while the
 * schedule plays, then healing, a liveness phase, and the checker.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { seed, urls } = options;
  const schedule = drawSchedule(seed, options.schedule);
  const rng = xoroshiro128plus(seed);
  const draw = (from: number, to: number) => uniformInt(rng, from, to);
  const hot = await product(urls, HOT_STOCK);
  const normal = [await product(urls, NORMAL_STOCK), await product(urls, NORMAL_STOCK)];
  const shoppers: Shopper[] = Array.from({ length: options.shoppers }, () => ({
    customerId: `chaos-${randomUUID().slice(0, 8)}`,
    sku: draw(0, 2) === 0 ? hot : normal[draw(0, 1)]!,
    paymentToken: draw(0, 9) === 0 ? "tok_declined" : "tok_ok",
    replays: draw(0, 4) === 0,
    ...(draw(0, 5) === 0 ? { cancelAfterMs: draw(0, 3_000) } : {}),
  }));
  const started = Date.now();
  const playing = play(schedule, started, options);
  const outcomes = await Promise.all(
    shoppers.map(async (shopper, index) => {
      await sleepUntil(started + (index * options.schedule.durationMs) / options.shoppers);
      return shop(urls, shopper);
    }),
  );
  await playing;
  await setBank(urls, {});
  const healedAtMs = Date.now();
  // Checkouts without a definite answer may have placed orders: those are
  // checked like accepted ones (they sell stock and take money too).
  const placedAnyway = (
    await Promise.all(
      outcomes.flatMap((o) =>
        o.indeterminate ? [ordersOfIndeterminate(urls, o.indeterminate.customerId)] : [],
      ),
    )
  ).flat();
  const accepted: AcceptedCheckout[] = [
    ...outcomes.flatMap((o) => (o.accepted ? [o.accepted] : [])),
    ...placedAnyway,
  ];
  await waitUntilFinal(urls, accepted, options.paymentDeadlineMs + options.drainMs);
  const evidence = await gatherEvidence(urls, {
    accepted,
    healedAtMs,
    drainMs: options.drainMs,
    replays: outcomes.flatMap((o) => (o.replay ? [o.replay] : [])),
    stockOnSale: new Map([
      [hot, HOT_STOCK],
      [normal[0]!, NORMAL_STOCK],
      [normal[1]!, NORMAL_STOCK],
    ]),
  });
  return {
    seed,
    schedule,
    accepted: accepted.length,
    indeterminate: outcomes.filter((o) => o.indeterminate).length,
    verdicts: checkAll(evidence),
  };
}

/** Turns each fault on and off at its time. */
async function play(schedule: readonly ScheduledFault[], started: number, options: CampaignOptions) {
  const { urls, faults } = options;
  type Timed = { atMs: number; bank: boolean; run: () => Promise<unknown> };
  const events = schedule.flatMap(({ atMs, forMs, fault }): Timed[] => {
    switch (fault.kind) {
      case "bank":
        return [
          { atMs, bank: true, run: () => setBank(urls, fault.faults) },
          { atMs: atMs + forMs, bank: true, run: () => setBank(urls, {}) },
        ];
      case "restart":
        return [{ atMs, bank: false, run: () => faults.restart(fault.service) }];
      case "kill":
        return [
          { atMs, bank: false, run: () => faults.kill(fault.services) },
          { atMs: atMs + forMs, bank: false, run: () => faults.start(fault.services) },
        ];
    }
  });
  const at = (event: Timed) => sleepUntil(started + event.atMs).then(() => event.run());
  // Bank faults follow each other on one setting, in order; kills and restarts
  // overlap them (a kill during a bank outage), each on its own time.
  const bank = events.filter((e) => e.bank).sort((a, b) => a.atMs - b.atMs);
  const others = events.filter((e) => !e.bank);
  await Promise.all([
    (async () => {
      for (const event of bank) await at(event);
    })(),
    ...others.map(at),
  ]);
}

// The simulator's PUT replaces every setting: omitted faults are off.
const setBank = (urls: SystemUrls, faults: BankFaults) => http("PUT", `${urls.bank}/v1/faults`, faults);

async function product(urls: SystemUrls, stock: number): Promise<string> {
  const sku = `chaos-${randomUUID().slice(0, 8)}`;
  const answer = await http("PUT", `${urls.inventory}/v1/admin/products/${sku}`, {
    name: "Double 11 lantern",
    priceCents: 1999,
    currency: "EUR",
    stock,
  });
  if (answer.status !== 201) throw new Error(`could not put ${sku} on sale: ${answer.status}`);
  return sku;
}

const sleepUntil = (instant: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now())));
