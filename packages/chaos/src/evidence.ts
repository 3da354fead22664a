import type { SystemUrls } from "./system-urls";
import type { AcceptedCheckout, Evidence, Ledger, OrderAtEnd } from "./verdicts";
import { http } from "./workload";

const FINAL = ["CONFIRMED", "REJECTED", "CANCELLED"];
const OUTCOME_KIND: Record<string, string> = {
  CONFIRMED: "order-confirmed",
  CANCELLED: "order-cancelled",
  REJECTED: "order-rejected",
};

const readOrder = async (urls: SystemUrls, { orderId, customerId }: AcceptedCheckout) => {
  const answer = await http<OrderAtEnd>("GET", `${urls.order}/v1/orders/${orderId}`, undefined, {
    "x-customer-id": customerId,
  }).catch(() => undefined);
  return answer?.status === 200 ? answer.body : undefined;
};

const readFeed = async (urls: SystemUrls, customerId: string) => {
  const answer = await http<{ items: { kind: string }[] }>(
    "GET",
    `${urls.notification}/v1/customers/${customerId}/notifications?limit=100`,
  ).catch(() => undefined);
  return answer?.status === 200 && answer.body
    ? answer.body.items.map((item) => item.kind).reverse()
    : undefined;
};

/** Liveness: waits (bounded) until every accepted order is final. */
export async function waitUntilFinal(
  urls: SystemUrls,
  accepted: readonly AcceptedCheckout[],
  timeoutMs: number,
) {
  await pollUntil(async () => {
    const orders = await Promise.all(accepted.map((checkout) => readOrder(urls, checkout)));
    return orders.every((order) => order && FINAL.includes(order.status));
  }, timeoutMs); // the checker reports what is still open
}

/** Everything the checker needs, read from the services; what cannot be read stays undefined. */
export async function gatherEvidence(
  urls: SystemUrls,
  run: Pick<Evidence, "accepted" | "healedAtMs" | "drainMs" | "replays"> & {
    stockOnSale: ReadonlyMap<string, number>;
  },
): Promise<Evidence> {
  const orders = new Map<string, OrderAtEnd | undefined>();
  for (const checkout of run.accepted) orders.set(checkout.orderId, await readOrder(urls, checkout));
  // The last notifications follow the final status by a hop; wait for them (bounded).
  const feeds = new Map<string, readonly string[] | undefined>();
  await pollUntil(async () => {
    for (const { orderId, customerId } of run.accepted) {
      const kinds = await readFeed(urls, customerId);
      feeds.set(customerId, kinds);
      const outcome = OUTCOME_KIND[orders.get(orderId)?.status ?? ""];
      if (!kinds || (outcome && !kinds.includes(outcome))) return false;
    }
    return true;
  }, 30_000);
  // A service killed late in the campaign may still be starting: read until it answers (bounded).
  let ledger: Ledger | undefined;
  await pollUntil(async () => {
    const answer = await http<Ledger>("GET", `${urls.bank}/v1/ledger`);
    ledger = answer.status === 200 ? answer.body : undefined;
    return ledger !== undefined;
  }, 60_000);
  let stock: Evidence["stock"];
  await pollUntil(async () => {
    const readings = await Promise.all(
      [...run.stockOnSale].map(async ([sku, initial]) => {
        const product = await http<{ available: number }>("GET", `${urls.inventory}/v1/products/${sku}`);
        return product.status === 200 && product.body
          ? { sku, initial, available: product.body.available }
          : undefined;
      }),
    );
    stock = readings.every((reading) => reading) ? (readings as NonNullable<Evidence["stock"]>) : undefined;
    return stock !== undefined;
  }, 60_000);
  // I6: each order read as the next customer.
  const isolationProbes = await Promise.all(
    run.accepted.slice(0, 10).map(async ({ orderId }, index) => {
      const stranger = run.accepted[(index + 1) % run.accepted.length]!.customerId;
      return (
        await http("GET", `${urls.order}/v1/orders/${orderId}`, undefined, {
          "x-customer-id": stranger,
        })
      ).status;
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

/** Polls every half second until `done` or `timeoutMs`; says whether it got there. */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
