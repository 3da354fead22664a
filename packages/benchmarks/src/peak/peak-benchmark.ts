import { randomUUID } from "node:crypto";
import { GatewayShopper, type AcceptedCheckout } from "./gateway-shopper";
import { checkEveryOrderFinal, checkMoney, checkStock, type InvariantCheck } from "./invariants";
import { readAvailable, readLedger, readOrders, type OrderReading } from "./final-reads";
import { drain, runLoadPhase } from "./load-phase";
import { kneeOf, type GatewayRefusals, type PhaseResult } from "./load-steps";
import { bucketsBetween, quantileUpperBound, type Buckets } from "./prometheus-text";
import { runLowLoad } from "./low-load";
import { measureBaselines, type Baselines } from "./raw-baselines";
import { difference, ResourceMeter, type ResourceReading } from "./resource-meter";
import { putOnSale, stockPerSku } from "./sale-setup";
import { SystemSampler, type ServiceEndpoint, type SystemSample } from "./system-sampler";
import { TableRows } from "./table-rows";

export interface PeakBenchmarkOptions {
  gatewayUrl: string;
  bankUrl: string;
  /** The gateway's AUTH_DEV_SECRET: the generator signs its shoppers' tokens with it. */
  devSecret: string;
  /** Every service whose /metrics is read (lag, outbox, finished orders, memory). */
  services: ServiceEndpoint[];
  /** Where per-container CPU and memory come from; omit for in-process systems. */
  composeProject?: string;
  postgresUrl?: string;
  /** LIKE pattern of the services' databases (default peakshop%). */
  postgresDatabases?: string;
  kafkaBrokers?: string[];
  /** Offered checkouts/s of the step load, ascending. */
  steps: number[];
  stepSeconds: number;
  /** The hold runs at this fraction of the knee, for holdSeconds. */
  holdFraction: number;
  holdSeconds: number;
  /** Hold at this rate instead of a fraction of the knee (soak runs at a known rate). */
  holdRate?: number;
  /** Past capacity: this multiple of the knee, for overloadSeconds (0 skips it). */
  overloadFactor: number;
  overloadSeconds: number;
  lowLoad: { clients: number; orders: number };
  skuCount: number;
  drainTimeoutMs: number;
  baselineScale: { messages: number; requests: number; postgresClients: number };
  say: (line: string) => void;
}

export interface HoldResult {
  phase: PhaseResult;
  checkoutToFinalMs: number[];
  cost: ResourceReading;
  /** Sagas of the hold, the denominator of its per-saga costs. */
  sagas: number;
  drainedAfterMs: number;
}

export interface PeakBenchmarkResult {
  run: string;
  baselines: Baselines;
  lowLoad: { checkoutToFinalMs: number[]; acceptMs: number[] };
  steps: PhaseResult[];
  knee?: PhaseResult;
  hold?: HoldResult;
  overload?: PhaseResult;
  samples: SystemSample[];
  perContainer: boolean;
  orders: { accepted: number; byStatus: Record<string, number> };
  invariants: InvariantCheck[];
}

/**
 * `pnpm bench:peak`: baselines, a low-load closed loop, an open-model step load
 * to find the knee, a hold at a fraction of it, an overload past it, then the
 * invariants over every accepted order. Only the public API drives the system;
 * metrics, cgroups, pg_stat_database and topic offsets are read to explain it.
 */
export async function runPeakBenchmark(options: PeakBenchmarkOptions): Promise<PeakBenchmarkResult> {
  const { say } = options;
  const run = randomUUID().slice(0, 8);
  const shopper = new GatewayShopper(options.gatewayUrl, options.devSecret);
  const tables = options.postgresUrl ? await TableRows.open(options.postgresUrl) : undefined;
  const sampler = new SystemSampler(options.services, tables);
  const meter = await ResourceMeter.open(options);
  const accepted: AcceptedCheckout[] = [];
  let holdCheckouts: AcceptedCheckout[] = [];
  try {
    say(`run ${run}: measuring raw baselines`);
    const baselines = await measureBaselines({ ...options, ...options.baselineScale });
    const skus = await putOnSale(shopper, run, options);
    const finishedAtStart = await sampler.ordersFinished();
    // Between phases every saga accepted so far finishes first, so each phase starts on an empty backlog.
    const drainAll = async (what: string) => {
      const outcome = await drain(sampler, finishedAtStart, accepted.length, options.drainTimeoutMs);
      if (!outcome.drained)
        say(`  ${what}: not every accepted saga finished within ${options.drainTimeoutMs} ms`);
      return outcome;
    };
    sampler.start();

    say(`low load: ${options.lowLoad.clients} clients, ${options.lowLoad.orders} orders, one at a time each`);
    const low = await runLowLoad(shopper, run, skus[0]!, options.lowLoad.clients, options.lowLoad.orders);
    accepted.push(...low);

    const steps: PhaseResult[] = [];
    for (const rate of options.steps) {
      const { result, checkouts } = await runLoadPhase(
        { shopper, sampler, run, skus, ratePerSecond: rate, durationS: options.stepSeconds },
        `step${rate}`,
      );
      accepted.push(...checkouts);
      steps.push(result);
      say(
        `step ${rate}/s: accepted ${result.accepted}/${result.offered}, completed ${result.completedPerSecond.toFixed(1)}/s, ` +
          `accept p99 ${result.acceptMs.p99.toFixed(0)} ms, backlog slope ${result.backlogSlopePerSecond.toFixed(1)}/s`,
      );
      await drainAll(`after step ${rate}/s`);
      if (kneeOf(steps) !== steps.at(-1)) break;
    }
    const knee = kneeOf(steps);

    let hold: HoldResult | undefined;
    let overload: PhaseResult | undefined;
    const holdRate =
      options.holdRate ??
      (knee ? Math.max(1, Math.round(knee.ratePerSecond * options.holdFraction)) : undefined);
    if (holdRate) {
      say(`hold: ${holdRate}/s (knee ${knee?.ratePerSecond ?? "not found"}/s) for ${options.holdSeconds} s`);
      const before = await meter.read();
      const held = await runLoadPhase(
        { shopper, sampler, run, skus, ratePerSecond: holdRate, durationS: options.holdSeconds },
        "hold",
      );
      accepted.push(...held.checkouts);
      const drained = await drainAll("after the hold");
      const cost = difference(before, await meter.read());
      hold = {
        phase: held.result,
        checkoutToFinalMs: [],
        cost,
        sagas: held.checkouts.length,
        drainedAfterMs: drained.waitedMs,
      };
      holdCheckouts = held.checkouts;
      if (knee && options.overloadFactor > 0 && options.overloadSeconds > 0) {
        const rate = Math.round(knee.ratePerSecond * options.overloadFactor);
        say(`overload: ${rate}/s for ${options.overloadSeconds} s`);
        const refusalsBefore = await sampler.gatewayRefusals();
        const past = await runLoadPhase(
          { shopper, sampler, run, skus, ratePerSecond: rate, durationS: options.overloadSeconds },
          "overload",
        );
        accepted.push(...past.checkouts);
        overload = {
          ...past.result,
          gatewayRefusals: gatewayRefusalsBetween(refusalsBefore, await sampler.gatewayRefusals()),
        };
        await drainAll("after the overload");
      }
    }
    sampler.stop();

    say(`reading ${accepted.length} orders, the bank's ledger and the stock`);
    const orders = await readOrders(shopper, accepted);
    const byId = new Map(orders.map((order) => [order.orderId, order]));
    if (hold) hold.checkoutToFinalMs = timesToFinal(holdCheckouts, byId);
    const ledger = await readLedger(options.bankUrl);
    const reader = await shopper.token(`peak-${run}-ops`);
    const stock = await Promise.all(
      skus.map(async (sku) => ({
        sku,
        initial: stockPerSku(options),
        available: await readAvailable(shopper, reader, sku),
      })),
    );
    const ours = new Set(orders.map((order) => order.orderId));
    const invariants = [
      checkEveryOrderFinal(accepted.length, orders),
      checkMoney(
        orders,
        ledger.charges.filter((charge) => ours.has(charge.reference)),
        ledger.refunds,
      ),
      checkStock(orders, stock),
    ];
    return {
      run,
      baselines,
      lowLoad: {
        checkoutToFinalMs: timesToFinal(low, byId),
        acceptMs: low.map((checkout) => checkout.acceptMs),
      },
      steps,
      knee,
      hold,
      overload,
      samples: sampler.samples,
      perContainer: meter.perContainer,
      orders: { accepted: accepted.length, byStatus: countBy(orders.map((order) => order.status)) },
      invariants,
    };
  } finally {
    sampler.stop();
    await tables?.close();
    await meter.close();
    await shopper.close();
  }
}

function timesToFinal(checkouts: readonly AcceptedCheckout[], orders: Map<string, OrderReading>): number[] {
  return checkouts.flatMap((checkout) => {
    const time = orders.get(checkout.orderId)?.checkoutToFinalMs;
    return time === undefined ? [] : [time];
  });
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function gatewayRefusalsBetween(before: Buckets, after: Buckets): GatewayRefusals | undefined {
  if (after.size === 0) return undefined;
  const between = bucketsBetween(before, after);
  return {
    count: between.get(Number.POSITIVE_INFINITY) ?? 0,
    p99AtMostMs: quantileUpperBound(between, 0.99) * 1000,
    within10Ms: between.get(0.01) ?? 0,
  };
}
