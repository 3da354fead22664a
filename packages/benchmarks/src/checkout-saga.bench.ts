import { startCheckoutSystem, type CheckoutSystem } from "@peakshop/system-tests/checkout-system";
import { startInfrastructure, testContext, waitFor, type Infrastructure } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rawCommitRate, rawProduceRate } from "./baselines";
import { writeReport } from "./report";
import { perSecond, quantile, round } from "./stats";

const BUYERS = Number(process.env.BENCH_BUYERS ?? 200);
const HOT_STOCK = Number(process.env.BENCH_HOT_STOCK ?? 40);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 3_000);
const ERROR_RATE = Number(process.env.BENCH_ERROR_RATE ?? 0.2);
const CONCURRENCY = 25;

interface OrderView {
  orderId: string;
  status: string;
  totalCents: number;
  payment: { attempts: number };
  history: { status: string; at: string }[];
}
interface Ledger {
  charges: { chargeId: string; reference: string; status: string; amountCents: number }[];
  refunds: { chargeId: string; amountCents: number }[];
}

let infrastructure: Infrastructure;
let system: CheckoutSystem;
let ctx: ReturnType<typeof testContext>;

beforeAll(async () => {
  infrastructure = await startInfrastructure(process.env, { durable: true });
  ctx = testContext(infrastructure.settings);
  system = await startCheckoutSystem(ctx);
});

afterAll(async () => {
  await system?.stop();
  await infrastructure?.stop();
});

const json = async <T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> => {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

it(`checkout saga: ${BUYERS} buyers, a hot SKU of ${HOT_STOCK}, bank errors and a ${OUTAGE_MS} ms outage`, async () => {
  const { urls } = system;
  const hot = `hot-${randomUUID().slice(0, 6)}`;
  const normal = `normal-${randomUUID().slice(0, 6)}`;
  await json("PUT", `${urls.inventory}/v1/admin/products/${hot}`, {
    name: "Hot lantern",
    priceCents: 999,
    currency: "EUR",
    stock: HOT_STOCK,
  });
  await json("PUT", `${urls.inventory}/v1/admin/products/${normal}`, {
    name: "Lantern",
    priceCents: 1999,
    currency: "EUR",
    stock: BUYERS * 2,
  });
  await json("PUT", `${urls.bank}/v1/faults`, { errorRate: ERROR_RATE });

  const placedAt = new Map<string, number>();
  const skuOf = new Map<string, string>();
  const buyers = Array.from({ length: BUYERS }, (_, i) => ({
    customerId: `bench-${i}-${randomUUID().slice(0, 4)}`,
    sku: i % 2 === 0 ? hot : normal,
  }));
  const started = performance.now();
  let outageEndedAt = 0;
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await json("PUT", `${urls.bank}/v1/faults`, { errorRate: ERROR_RATE, outage: true });
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await json("PUT", `${urls.bank}/v1/faults`, { errorRate: ERROR_RATE, outage: false });
    outageEndedAt = performance.now();
  })();
  await inBatches(buyers, CONCURRENCY, async ({ customerId, sku }) => {
    await json("POST", `${urls.cart}/v1/carts/${customerId}/items`, { sku, quantity: 1 });
    const { orderId } = await json<{ orderId: string }>(
      "POST",
      `${urls.cart}/v1/carts/${customerId}/checkout`,
      { paymentToken: "tok_ok" },
      { "idempotency-key": randomUUID() },
    );
    placedAt.set(orderId, performance.now());
    skuOf.set(orderId, sku);
  });
  await outage;

  const finalAt = new Map<string, number>();
  const views = new Map<string, OrderView>();
  await waitFor(
    async () => {
      await inBatches(
        [...placedAt.keys()].filter((id) => !finalAt.has(id)),
        CONCURRENCY,
        async (orderId) => {
          const view = await json<OrderView>("GET", `${urls.order}/v1/orders/${orderId}`);
          if (["CONFIRMED", "REJECTED", "CANCELLED"].includes(view.status)) {
            finalAt.set(orderId, performance.now());
            views.set(orderId, view);
          }
        },
      );
      return finalAt.size === placedAt.size;
    },
    { timeoutMs: 600_000, intervalMs: 250, description: "every order to reach a final status (I1)" },
  );
  const allFinalAt = Math.max(...finalAt.values());
  await json("PUT", `${urls.bank}/v1/faults`, { errorRate: 0 });

  // Invariants against the bank's ledger and the inventory, not only statuses.
  const ledger = await json<Ledger>("GET", `${urls.bank}/v1/ledger`);
  let i2 = 0;
  for (const view of views.values()) {
    const charges = ledger.charges.filter(
      (charge) => charge.reference === view.orderId && charge.status === "captured",
    );
    const refunded = ledger.refunds
      .filter((refund) => charges.some((c) => c.chargeId === refund.chargeId))
      .reduce((s, r) => s + r.amountCents, 0);
    const net = charges.reduce((s, c) => s + c.amountCents, 0) - refunded;
    if (charges.length > 1 || net !== (view.status === "CONFIRMED" ? view.totalCents : 0)) i2 += 1;
  }
  const hotConfirmed = [...views.values()].filter(
    (view) => view.status === "CONFIRMED" && skuOf.get(view.orderId) === hot,
  ).length;
  const hotView = await json<{ available: number }>("GET", `${urls.inventory}/v1/products/${hot}`);
  const i3 =
    hotConfirmed > HOT_STOCK || hotView.available < 0 || hotView.available + hotConfirmed > HOT_STOCK ? 1 : 0;

  const latencies = [...finalAt].map(([orderId, at]) => at - (placedAt.get(orderId) ?? at));
  const statuses = [...views.values()].reduce<Record<string, number>>(
    (counts, view) => ({ ...counts, [view.status]: (counts[view.status] ?? 0) + 1 }),
    {},
  );
  const retries = [...views.values()].reduce((sum, view) => sum + Math.max(0, view.payment.attempts - 1), 0);

  const rawTopic = ctx.uniqueName("bench_raw");
  await ctx.createTopics([{ topic: rawTopic, partitions: 6 }]);
  const commitRate = await rawCommitRate(await ctx.createDatabase(ctx.uniqueName("raw")), 8, 4_000);
  const produceRate = await rawProduceRate(ctx.brokers, rawTopic, 4_000, 500);
  const throughput = perSecond(BUYERS, allFinalAt - started);

  const figures = {
    buyers: BUYERS,
    hotStock: HOT_STOCK,
    bank: { errorRate: ERROR_RATE, outageMs: OUTAGE_MS },
    statuses,
    sagaThroughputOrdersPerSecond: round(throughput),
    checkoutToFinalMs: {
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      max: round(Math.max(...latencies)),
    },
    drainAfterRecoveryMs: round(Math.max(0, allFinalAt - outageEndedAt)),
    paymentRetries: retries,
    invariantViolations: { I1: placedAt.size - finalAt.size, I2: i2, I3: i3 },
    baselines: { pgOneRowCommitsPerSecond: round(commitRate), kafkaProducePerSecond: round(produceRate) },
    ratios: {
      sagaToPgCommits: round(throughput / commitRate, 3),
      sagaToKafkaProduce: round(throughput / produceRate, 4),
    },
    hotSkuConfirmed: hotConfirmed,
  };
  const path = writeReport(
    "checkout-saga",
    `# Checkout saga benchmark

${BUYERS} buyers check out through the cart at ${CONCURRENCY} at a time: half on a hot SKU with ${HOT_STOCK} units, half on
a SKU with ample stock. The bank fails ${ERROR_RATE * 100}% of requests throughout and is down for ${OUTAGE_MS} ms one second
in. Every service runs on real Kafka and durable PostgreSQL in this process; baselines were measured in the same run.

| measure | value |
| --- | --- |
| final statuses | ${Object.entries(statuses)
      .map(([status, count]) => `${status} ${count}`)
      .join(", ")} |
| saga throughput (orders to a final status per s) | ${figures.sagaThroughputOrdersPerSecond} |
| checkout to final status p50 / p99 / max (ms) | ${figures.checkoutToFinalMs.p50} / ${figures.checkoutToFinalMs.p99} / ${figures.checkoutToFinalMs.max} |
| drain after the bank recovered (ms) | ${figures.drainAfterRecoveryMs} |
| payment retries made | ${retries} |
| hot SKU confirmed (stock ${HOT_STOCK}) | ${figures.hotSkuConfirmed} |
| invariant violations I1 / I2 / I3 | ${figures.invariantViolations.I1} / ${i2} / ${i3} |
| baselines: pg one-row commits/s, Kafka produce msgs/s | ${figures.baselines.pgOneRowCommitsPerSecond}, ${figures.baselines.kafkaProducePerSecond} |
| ratio of saga throughput to pg commits / Kafka produce | ${figures.ratios.sagaToPgCommits} / ${figures.ratios.sagaToKafkaProduce} |
`,
    figures,
  );
  console.info(`report written to ${path}\n${JSON.stringify(figures, null, 2)}`);
  expect(figures.invariantViolations).toEqual({ I1: 0, I2: 0, I3: 0 });
});
