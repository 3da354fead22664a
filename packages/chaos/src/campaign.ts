import { randomUUID } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { gatherEvidence, waitUntilFinal } from "./evidence";
import { drawSchedule, type BankFaults, type ScheduleOptions, type ScheduledFault } from "./fault-schedule";
import type { NetworkFault } from "./network-faults";
import { askUntil, http, Storefront } from "./storefront";
import type { SystemAccess } from "./system-access";
import { checkAll, type AcceptedCheckout, type InvariantVerdict } from "./verdicts";
import { ordersPlacedBy, shop, type Shopper } from "./workload";

/** How faults reach the system: the in-process one and the compose one differ. */
export interface FaultPlayer {
  restart(service: string): Promise<void>;
  kill(services: readonly string[]): Promise<void>;
  start(services: readonly string[]): Promise<void>;
  /** Turns a wire fault between a service and a peer on; mending takes off every wire fault of the service. */
  breakWire(service: string, peer: string, fault: NetworkFault): Promise<void>;
  mendWires(service: string): Promise<void>;
}

export interface CampaignOptions {
  seed: number;
  system: SystemAccess;
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
  /** Orders of unanswered checkouts found only on the second look, past the in-flight bound. */
  placedLate: number;
  /** Faults that could not be turned on or off, with why: the run was gentler than its schedule says. */
  faultsNotPlayed: string[];
  /** Shoppers who placed nothing, by the step refused and its status ("add 503"; status 0: no answer). */
  refused: Record<string, number>;
  verdicts: InvariantVerdict[];
}

const HOT_STOCK = 8;
const BANK_SETTING_TIMEOUT_MS = 60_000;
// Longer than the gateway can spend on one request: its calls to the services
// time out in seconds (UPSTREAM_TIMEOUT_MS, 5 s by default), its idempotency store waits
// out a database that is briefly away, and a seed saw a checkout placed 26 s
// after it arrived while the gateway's wire to PostgreSQL was resetting.
const IN_FLIGHT_BOUND_MS = 60_000;
const NORMAL_STOCK = 500;

/**
 * One seeded campaign: a flash sale (a hot SKU that sells out, replayed
 * checkouts, cancels, declined cards) spread over the fault window while the
 * schedule plays, then healing, a liveness phase, and the checker.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { seed, system } = options;
  const store = new Storefront(system.gatewayUrl, system.devSecret);
  const schedule = drawSchedule(seed, options.schedule);
  const rng = xoroshiro128plus(seed);
  const draw = (from: number, to: number) => uniformInt(rng, from, to);
  const hot = await product(store, HOT_STOCK);
  const normal = [await product(store, NORMAL_STOCK), await product(store, NORMAL_STOCK)];
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
      return shop(store, shopper);
    }),
  );
  const lastShopperDoneAt = Date.now();
  const faultsNotPlayed = await playing;
  await setBank(system.bankUrl, {});
  const healedAtMs = Date.now();
  const answered = outcomes.flatMap((o) => (o.accepted ? [o.accepted] : []));
  const livenessMs = options.paymentDeadlineMs + options.drainMs;
  await waitUntilFinal(store, answered, livenessMs);
  // A checkout without a definite answer may still have been placed, even
  // after its shopper gave up: the gateway goes on with a request its client
  // left. Such orders are looked for once no request of the sale can still be
  // in flight, and checked like accepted ones (they sell stock and take money
  // too); then looked for again, in case one came later than that.
  const unanswered = outcomes.flatMap((o) => (o.indeterminate ? [o.indeterminate.customerId] : []));
  if (unanswered.length > 0) await sleepUntil(lastShopperDoneAt + IN_FLIGHT_BOUND_MS);
  const placed = await ordersPlacedBy(store, unanswered);
  await waitUntilFinal(store, placed.orders, livenessMs);
  const placedAgain = await ordersPlacedBy(store, unanswered);
  const placedLate = placedAgain.orders.filter(
    (order) => !placed.orders.some(({ orderId }) => orderId === order.orderId),
  );
  await waitUntilFinal(store, placedLate, livenessMs);
  const accepted: AcceptedCheckout[] = [...answered, ...placed.orders, ...placedLate];
  const evidence = await gatherEvidence(store, system.bankUrl, {
    accepted,
    unlistedCustomers: placedAgain.unlisted,
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
    indeterminate: unanswered.length,
    placedLate: placedLate.length,
    faultsNotPlayed,
    refused: tally(outcomes.flatMap((o) => (o.refused ? [`${o.refused.step} ${o.refused.status}`] : []))),
    verdicts: checkAll(evidence),
  };
}

/**
 * Turns each fault on and off at its time, then takes every wire fault off
 * again whatever happened. A fault that could not be turned on or off (a
 * container that was itself restarting, say) is reported, never thrown: the
 * campaign goes on and the system still gets healed.
 */
async function play(
  schedule: readonly ScheduledFault[],
  started: number,
  options: CampaignOptions,
): Promise<string[]> {
  const { system, faults } = options;
  type Timed = { atMs: number; bank: boolean; what: string; run: () => Promise<unknown> };
  const events = schedule.flatMap(({ atMs, forMs, fault }): Timed[] => {
    const off = atMs + forMs;
    switch (fault.kind) {
      case "bank":
        return [
          { atMs, bank: true, what: `bank ${fault.name}`, run: () => setBank(system.bankUrl, fault.faults) },
          { atMs: off, bank: true, what: "bank healed", run: () => setBank(system.bankUrl, {}) },
        ];
      case "restart":
        return [
          { atMs, bank: false, what: `restart ${fault.service}`, run: () => faults.restart(fault.service) },
        ];
      case "kill": {
        const services = fault.services.join(" and ");
        return [
          { atMs, bank: false, what: `SIGKILL ${services}`, run: () => faults.kill(fault.services) },
          { atMs: off, bank: false, what: `start ${services}`, run: () => faults.start(fault.services) },
        ];
      }
      case "network": {
        const wire = `${fault.service} to ${fault.peer}`;
        return [
          {
            atMs,
            bank: false,
            what: `break ${wire}`,
            run: () => faults.breakWire(fault.service, fault.peer, fault.network),
          },
          { atMs: off, bank: false, what: `mend ${wire}`, run: () => faults.mendWires(fault.service) },
        ];
      }
    }
  });
  const failed: string[] = [];
  const attempt = (what: string, run: () => Promise<unknown>) =>
    run().catch((error: unknown) => {
      failed.push(`${what}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    });
  const at = (event: Timed) =>
    sleepUntil(started + event.atMs).then(() =>
      attempt(`${(event.atMs / 1000).toFixed(1)} s ${event.what}`, event.run),
    );
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
  const wired = new Set(schedule.flatMap(({ fault }) => (fault.kind === "network" ? [fault.service] : [])));
  for (const service of wired) await attempt(`mend ${service} at the end`, () => faults.mendWires(service));
  return failed;
}

/**
 * The simulator's PUT replaces every setting: omitted faults are off. The
 * bank may itself be down (killed by the schedule): the setting is retried
 * until it answers, and a restarted bank starts without faults anyway.
 */
async function setBank(bankUrl: string, faults: BankFaults): Promise<void> {
  const taken = await askUntil(
    () => http("PUT", `${bankUrl}/v1/faults`, faults),
    (answer) => answer.status === 200,
    BANK_SETTING_TIMEOUT_MS,
    1_000,
  );
  if (!taken) throw new Error(`the bank simulator at ${bankUrl} took no fault setting`);
}

async function product(store: Storefront, stock: number): Promise<string> {
  const sku = `chaos-${randomUUID().slice(0, 8)}`;
  const answer = await store.call({ admin: true }, "PUT", `/v1/admin/products/${sku}`, {
    name: "Double 11 lantern",
    priceCents: 1999,
    currency: "EUR",
    stock,
  });
  if (answer.status !== 201) throw new Error(`could not put ${sku} on sale: ${answer.status}`);
  return sku;
}

function tally(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

const sleepUntil = (instant: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now())));
