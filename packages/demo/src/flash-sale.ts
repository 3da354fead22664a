import { createPeakshopClient, FINAL_STATUSES, type Order, type PeakshopClient } from "@peakshop/client";
import { randomUUID } from "node:crypto";
import { BankControl } from "./bank-control";
import { describeSale, judge, money, type OrderOutcome, type SaleObservations, type Verdict } from "./report";

export interface FlashSaleOptions {
  gatewayUrl: string;
  bankUrl: string;
  stock: number;
  /** Shoppers who check out before, during and after the bank outage. */
  shoppers: { before: number; during: number; after: number };
  /** Of all shoppers, how many pay with a card the bank declines. */
  declinedCards: number;
  /** How long the bank stays down, in milliseconds. */
  outageMs: number;
  /** The longest the demo waits for every order to finish, in milliseconds. */
  settleTimeoutMs: number;
  say: (line: string) => void;
}

export const DEFAULT_OPTIONS = {
  stock: 24,
  shoppers: { before: 10, during: 12, after: 8 },
  declinedCards: 2,
  outageMs: 15_000,
  settleTimeoutMs: 240_000,
} satisfies Partial<FlashSaleOptions>;

interface Shopper {
  name: string;
  client: PeakshopClient;
  paymentToken: string;
  duringOutage: boolean;
  orderId?: string;
  refusedWith?: number;
}

const PRICE_CENTS = 1999;
const CURRENCY = "EUR";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A short Double 11: one hot product, shoppers checking out in three waves,
 * and the bank down during the second. Then it follows every order to its end
 * over Server-Sent Events and reads the bank's ledger and the stock.
 */
export async function runFlashSale(
  options: FlashSaleOptions,
): Promise<{ sale: SaleObservations; verdict: Verdict }> {
  const { say } = options;
  const run = randomUUID().slice(0, 6);
  const bank = new BankControl(options.bankUrl);
  const anonymous = createPeakshopClient({ baseUrl: options.gatewayUrl });
  const signIn = async (customerId: string, roles?: "admin"[]) => {
    const { data, error } = await anonymous.api.POST("/v1/auth/dev-token", { body: { customerId, roles } });
    if (!data) throw new Error(`no dev token for ${customerId}: ${JSON.stringify(error)}`);
    return createPeakshopClient({ baseUrl: options.gatewayUrl, token: data.token });
  };

  say(`peakshop flash sale demo (run ${run})`);
  say(`  gateway ${options.gatewayUrl}, bank simulator ${options.bankUrl}`);
  await bank.setFaults({});
  const admin = await signIn(`demo-ops-${run}`, ["admin"]);
  const sku = `double11-lantern-${run}`;
  const put = await admin.api.PUT("/v1/admin/products/{sku}", {
    params: { path: { sku } },
    body: { name: "Double 11 lantern", priceCents: PRICE_CENTS, currency: CURRENCY, stock: options.stock },
  });
  if (!put.data) throw new Error(`could not put ${sku} on sale: ${JSON.stringify(put.error)}`);
  say(`1. On sale: ${options.stock} × "Double 11 lantern" at ${money(PRICE_CENTS, CURRENCY)} (sku ${sku}).`);

  const total = options.shoppers.before + options.shoppers.during + options.shoppers.after;
  // Declined cards spread evenly over the waves.
  const declined = new Set(
    Array.from({ length: options.declinedCards }, (_, k) =>
      Math.floor(((k + 0.5) * total) / options.declinedCards),
    ),
  );
  const shoppers: Shopper[] = [];
  for (let index = 0; index < total; index += 1) {
    const name = `shopper-${run}-${String(index + 1).padStart(2, "0")}`;
    shoppers.push({
      name,
      client: await signIn(name),
      paymentToken: declined.has(index) ? "tok_declined" : "tok_ok",
      duringOutage: false,
    });
  }
  const waves = [
    shoppers.slice(0, options.shoppers.before),
    shoppers.slice(options.shoppers.before, options.shoppers.before + options.shoppers.during),
    shoppers.slice(options.shoppers.before + options.shoppers.during),
  ];

  await checkOut(waves[0]!, sku);
  say(`2. ${waves[0]!.length} shoppers check out at once while the bank is healthy.`);
  // Their orders finish first, so the outage meets only the next wave's payments.
  await followAll(waves[0]!, options.settleTimeoutMs);
  await bank.setFaults({ outage: true });
  const outageStarted = Date.now();
  for (const shopper of waves[1]!) shopper.duringOutage = true;
  await checkOut(waves[1]!, sku);
  say(`3. The bank goes down. ${waves[1]!.length} more shoppers check out during the outage.`);
  await sleep(Math.min(2_000, options.outageMs));
  const { data: status } = await anonymous.api.GET("/v1/status");
  if (status) say(`   The public status page says: ${status.payments}: "${status.message}"`);
  say(
    `   ... the bank stays down for ${Math.round(options.outageMs / 1000)} s; payments are retried, not lost ...`,
  );
  await sleep(Math.max(0, options.outageMs - (Date.now() - outageStarted)));
  await bank.setFaults({});
  await checkOut(waves[2]!, sku);
  say(`4. The bank is back. ${waves[2]!.length} more shoppers check out.`);
  say("5. Following every order to its final status over Server-Sent Events ...");

  const orders = await followAll(shoppers, options.settleTimeoutMs);
  const placed = shoppers.filter((shopper) => shopper.orderId);
  const notifications = await notificationsOf(placed, orders, options.settleTimeoutMs);
  const { data: product } = await admin.api.GET("/v1/products/{sku}", { params: { path: { sku } } });
  const ledger = await bank.ledgerFor(placed.map((shopper) => shopper.orderId!));
  const { data: after } = await anonymous.api.GET("/v1/status");
  const refusedCheckouts: Record<string, number> = {};
  for (const shopper of shoppers.filter((s) => s.refusedWith)) {
    refusedCheckouts[String(shopper.refusedWith)] = (refusedCheckouts[String(shopper.refusedWith)] ?? 0) + 1;
  }
  const sale: SaleObservations = {
    sku,
    currency: CURRENCY,
    stockOnSale: options.stock,
    availableAfter: product?.available ?? Number.NaN,
    orders: placed.map((shopper) => outcomeOf(orders.get(shopper.orderId!), shopper)),
    ...ledger,
    notifications,
    incidents: (after?.incidents ?? []).filter(
      (incident) => Date.parse(incident.startedAt) >= outageStarted - 1_000,
    ),
    refusedCheckouts,
  };
  const verdict = judge(sale);
  for (const line of describeSale(sale, verdict)) say(line);
  return { sale, verdict };
}

/** Each shopper of a wave puts one lantern in the cart and checks out, all at once. */
async function checkOut(wave: Shopper[], sku: string): Promise<void> {
  await Promise.all(
    wave.map(async (shopper) => {
      const cart = await shopper.client.api.POST("/v1/cart/items", { body: { sku, quantity: 1 } });
      if (!cart.data) {
        shopper.refusedWith = cart.response.status;
        return;
      }
      const { data, response } = await shopper.client.api.POST("/v1/checkout", {
        params: { header: { "idempotency-key": randomUUID() } },
        body: { paymentToken: shopper.paymentToken },
      });
      if (data) shopper.orderId = data.orderId;
      else shopper.refusedWith = response.status;
    }),
  );
}

/** Every placed order to its final status, over its event stream, within the bound. */
async function followAll(shoppers: Shopper[], timeoutMs: number): Promise<Map<string, Order>> {
  const signal = AbortSignal.timeout(timeoutMs);
  const orders = new Map<string, Order>();
  await Promise.all(
    shoppers
      .filter((shopper) => shopper.orderId)
      .map(async (shopper) => {
        const orderId = shopper.orderId!;
        try {
          for await (const event of shopper.client.followOrder(orderId, { signal, maxReconnects: 20 })) {
            if (FINAL_STATUSES.has(event.data.status)) break;
          }
        } catch {
          // Read below what the order says, final or not.
        }
        const { data } = await shopper.client.api.GET("/v1/orders/{orderId}", {
          params: { path: { orderId } },
        });
        if (data) orders.set(orderId, data);
      }),
  );
  return orders;
}

/** Notifications per kind, once each finished order's final notification has arrived (bounded). */
async function notificationsOf(
  shoppers: Shopper[],
  orders: Map<string, Order>,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const finalKinds: Record<string, string> = {
    CONFIRMED: "order-confirmed",
    CANCELLED: "order-cancelled",
    REJECTED: "order-rejected",
  };
  const deadline = Date.now() + Math.min(timeoutMs, 30_000);
  const counts: Record<string, number> = {};
  for (const shopper of shoppers) {
    const expected = finalKinds[orders.get(shopper.orderId!)?.status ?? ""];
    for (;;) {
      const { data } = await shopper.client.api.GET("/v1/notifications");
      const kinds = (data?.items ?? []).map((item) => item.kind);
      if (!expected || kinds.includes(expected) || Date.now() >= deadline) {
        for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
        break;
      }
      await sleep(250);
    }
  }
  return counts;
}

function outcomeOf(order: Order | undefined, shopper: Shopper): OrderOutcome {
  const final =
    order && FINAL_STATUSES.has(order.status) ? (order.status as OrderOutcome["status"]) : undefined;
  return {
    orderId: shopper.orderId!,
    status: final,
    reason: order?.history.at(-1)?.reason,
    quantity: order ? order.items.reduce((total, item) => total + item.quantity, 0) : 0,
    totalCents: order?.totalCents ?? 0,
    attempts: order?.payment.attempts ?? 0,
    duringOutage: shopper.duringOutage,
  };
}
