import { http, type Storefront } from "./storefront";
import type { AcceptedCheckout, Evidence, Ledger, OrderAtEnd } from "./verdicts";

const FINAL = ["CONFIRMED", "REJECTED", "CANCELLED"];
const OUTCOME_KIND: Record<string, string> = {
  CONFIRMED: "order-confirmed",
  CANCELLED: "order-cancelled",
  REJECTED: "order-rejected",
};
// Each customer's reads count against the gateway's per-customer limit
// (120 a minute by default): a poll every 2 s stays well inside it.
const POLL_MS = 2_000;

const readOrder = async (store: Storefront, { orderId, customerId }: AcceptedCheckout, timeoutMs = 0) => {
  const answer = await store.read<OrderAtEnd>(customerId, `/v1/orders/${orderId}`, timeoutMs);
  return answer?.status === 200 ? answer.body : undefined;
};

const readFeed = async (store: Storefront, customerId: string) => {
  const answer = await store.read<{ items: { kind: string }[] }>(
    customerId,
    "/v1/notifications?limit=100",
    0,
  );
  return answer?.status === 200 && answer.body
    ? answer.body.items.map((item) => item.kind).reverse()
    : undefined;
};

/** Liveness: waits (bounded) until every accepted order is final; reads each until it is. */
export async function waitUntilFinal(
  store: Storefront,
  accepted: readonly AcceptedCheckout[],
  timeoutMs: number,
) {
  let open = [...accepted];
  await pollUntil(async () => {
    const orders = await Promise.all(open.map((checkout) => readOrder(store, checkout)));
    open = open.filter((_, index) => !FINAL.includes(orders[index]?.status ?? ""));
    return open.length === 0;
  }, timeoutMs); // the checker reports what is still open
}

/** Everything the checker needs, read from the services; what cannot be read stays undefined. */
export async function gatherEvidence(
  store: Storefront,
  bankUrl: string,
  run: Pick<Evidence, "accepted" | "unlistedCustomers" | "healedAtMs" | "drainMs" | "replays"> & {
    stockOnSale: ReadonlyMap<string, number>;
  },
): Promise<Evidence> {
  const orders = new Map<string, OrderAtEnd | undefined>();
  // One deadline for all: a gateway that stays down costs a minute, not a minute per order.
  const readUntil = Date.now() + 60_000;
  for (const checkout of run.accepted)
    orders.set(checkout.orderId, await readOrder(store, checkout, Math.max(0, readUntil - Date.now())));
  // The last notifications follow the final status by a hop; wait for them (bounded).
  const feeds = new Map<string, readonly string[] | undefined>();
  const outcomeOf = (orderId: string) => OUTCOME_KIND[orders.get(orderId)?.status ?? ""];
  const told = (kinds: readonly string[] | undefined, orderId: string) =>
    kinds !== undefined && (!outcomeOf(orderId) || kinds.includes(outcomeOf(orderId)!));
  await pollUntil(async () => {
    for (const { orderId, customerId } of run.accepted) {
      if (told(feeds.get(customerId), orderId)) continue;
      feeds.set(customerId, await readFeed(store, customerId));
      if (!told(feeds.get(customerId), orderId)) return false;
    }
    return true;
  }, 30_000);
  // A service killed late in the campaign may still be starting: read until it answers (bounded).
  let ledger: Ledger | undefined;
  await pollUntil(async () => {
    const answer = await http<Ledger>("GET", `${bankUrl}/v1/ledger`);
    ledger = answer.status === 200 ? answer.body : undefined;
    return ledger !== undefined;
  }, 60_000);
  let stock: Evidence["stock"];
  await pollUntil(async () => {
    const readings = await Promise.all(
      [...run.stockOnSale].map(async ([sku, initial]) => {
        const product = await store.read<{ available: number }>({ admin: true }, `/v1/products/${sku}`, 0);
        return product?.status === 200 && product.body
          ? { sku, initial, available: product.body.available }
          : undefined;
      }),
    );
    stock = readings.every((reading) => reading) ? (readings as NonNullable<Evidence["stock"]>) : undefined;
    return stock !== undefined;
  }, 60_000);
  // I6: each order read as the next customer (an unanswered read is 0, never a pass).
  const isolationProbes = await Promise.all(
    run.accepted.slice(0, 10).map(async ({ orderId }, index) => {
      const stranger = run.accepted[(index + 1) % run.accepted.length]!.customerId;
      return (await store.read(stranger, `/v1/orders/${orderId}`, 30_000))?.status ?? 0;
    }),
  );
  return {
    ...run,
    orders,
    ...(ledger ? { ledger } : {}),
    ...(stock ? { stock } : {}),
    isolationProbes: run.accepted.length > 1 ? isolationProbes : [],
    feeds,
  };
}

/** Polls every POLL_MS until `done` or `timeoutMs`; says whether it got there. */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
