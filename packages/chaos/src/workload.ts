import { randomUUID } from "node:crypto";
import type { Storefront } from "./storefront";
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
   * The checkout got no definite answer (a timeout, a dropped connection, a
   * 5xx while a service or the gateway restarted): it may have placed an
   * order all the same.
   */
  indeterminate?: { customerId: string };
}

/**
 * One shopper of the flash sale, through the gateway as a frontend is: adds
 * the item, checks out (and, for some, checks out again with the same key, as
 * a client that lost the answer does), and maybe cancels.
 */
export async function shop(store: Storefront, shopper: Shopper): Promise<ShopperOutcome> {
  const { customerId } = shopper;
  const added = await store
    .call(customerId, "POST", "/v1/cart/items", { sku: shopper.sku, quantity: 1 })
    .catch(() => undefined);
  // No item in the cart, no checkout: nothing can have been placed.
  if (added?.status !== 200) return {};
  const key = randomUUID();
  const checkout = () =>
    store.call<{ orderId: string }>(
      customerId,
      "POST",
      "/v1/checkout",
      { paymentToken: shopper.paymentToken },
      { "idempotency-key": key },
    );
  const first = await checkout().catch(() => undefined);
  if (!first || first.status >= 500) return { indeterminate: { customerId } };
  if (first.status !== 202 || !first.body) return {}; // a definite refusal (4xx, 429 included)
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

/**
 * The orders a shopper without a definite answer placed after all, from their
 * own order list (each shopper is a customer of their own). An order id that
 * stands for "could not be read" is returned when the list does not answer,
 * so the checker reports unknown rather than passing.
 */
export async function ordersOfIndeterminate(
  store: Storefront,
  customerId: string,
): Promise<AcceptedCheckout[]> {
  const answer = await store.read<{ items: { orderId: string }[] }>(
    customerId,
    "/v1/orders?limit=100",
    60_000,
  );
  if (answer?.status !== 200 || !answer.body) return [{ orderId: `unreadable-${customerId}`, customerId }];
  return answer.body.items.map(({ orderId }) => ({ orderId, customerId }));
}
