import { randomUUID } from "node:crypto";
import { askUntil, type Answer, type Storefront } from "./storefront";
import type { AcceptedCheckout } from "./verdicts";

export interface Shopper {
  customerId: string;
  sku: string;
  paymentToken: string;
  /** Sends the checkout a second time with the same Idempotency-Key. */
  replays: boolean;
  /** Cancels this long after the checkout was accepted, if set. */
  cancelAfterMs?: number;
}

export interface ShopperOutcome {
  accepted?: AcceptedCheckout;
  replay?: { first: string; second: string };
  /**
   * The checkout got no definite answer however often it was asked again (a
   * timeout, a dropped connection, a 5xx while a service or the gateway
   * restarted): it may have placed an order all the same.
   */
  indeterminate?: { customerId: string };
  /** Why nothing was placed: the step that was refused and its status (0: no answer). */
  refused?: { step: "add" | "checkout"; status: number };
}

/**
 * One shopper of the flash sale, through the gateway as a frontend is: adds
 * the item, checks out (and, for some, checks out again with the same key, as
 * a client that lost the answer does), and maybe cancels.
 */
export async function shop(store: Storefront, shopper: Shopper): Promise<ShopperOutcome> {
  const { customerId } = shopper;
  // Asked again like the checkout: an add that did happen unseen makes the
  // line 2, which the order then says and the checker counts.
  const added = await untilDefinite(() =>
    store.call(customerId, "POST", "/v1/cart/items", { sku: shopper.sku, quantity: 1 }),
  );
  // No item in the cart, no checkout: nothing can have been placed.
  if (added?.status !== 200) return { refused: { step: "add", status: added?.status ?? 0 } };
  const key = randomUUID();
  const checkout = () =>
    store.call<{ orderId: string }>(
      customerId,
      "POST",
      "/v1/checkout",
      { paymentToken: shopper.paymentToken },
      { "idempotency-key": key },
    );
  const first = await untilDefinite(checkout);
  if (!first) return { indeterminate: { customerId } };
  if (first.status !== 202 || !first.body) return { refused: { step: "checkout", status: first.status } };
  const accepted = { orderId: first.body.orderId, customerId };
  let replay: ShopperOutcome["replay"];
  if (shopper.replays) {
    const again = await checkout().catch(() => undefined);
    if (again?.status === 202 && again.body) replay = { first: accepted.orderId, second: again.body.orderId };
  }
  if (shopper.cancelAfterMs !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, shopper.cancelAfterMs));
    // 200, or 409 once captured or final: both are answers the saga allows; an error changes nothing.
    await store.call(customerId, "POST", `/v1/orders/${accepted.orderId}/cancel`).catch(() => undefined);
  }
  return { accepted, ...(replay ? { replay } : {}) };
}

// How long a shopper keeps asking for an answer, and how often.
const ASK_AGAIN_FOR_MS = 60_000;
const ASK_AGAIN_EVERY_MS = 2_000;

/**
 * The checkout's answer as a careful client gets it: no answer, a 5xx, or a
 * 409 (the same key is still being answered) is asked again with the same
 * Idempotency-Key, which the gateway answers with the first request's result
 * and never places twice. Undefined when no definite answer came in time.
 */
async function untilDefinite<T>(ask: () => Promise<Answer<T>>): Promise<Answer<T> | undefined> {
  return askUntil(
    ask,
    (answer) => answer.status < 500 && answer.status !== 409,
    ASK_AGAIN_FOR_MS,
    ASK_AGAIN_EVERY_MS,
  );
}

/** The orders some customers have, by their own order lists. */
export interface PlacedOrders {
  orders: AcceptedCheckout[];
  /** Customers whose list could not be read: what they placed is unknown. */
  unlisted: string[];
}

/**
 * The orders shoppers without a definite answer placed after all, from their
 * own order lists (each shopper is a customer of their own).
 */
export async function ordersPlacedBy(
  store: Storefront,
  customerIds: readonly string[],
): Promise<PlacedOrders> {
  const lists = await Promise.all(
    customerIds.map(async (customerId) => ({
      customerId,
      answer: await store.read<{ items: { orderId: string }[] }>(customerId, "/v1/orders?limit=100", 60_000),
    })),
  );
  const orders = lists.flatMap(({ customerId, answer }) =>
    answer?.status === 200 && answer.body
      ? answer.body.items.map(({ orderId }) => ({ orderId, customerId }))
      : [],
  );
  const unlisted = lists
    .filter(({ answer }) => answer?.status !== 200 || !answer.body)
    .map((l) => l.customerId);
  return { orders, unlisted };
}
