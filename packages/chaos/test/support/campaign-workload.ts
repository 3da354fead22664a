import { randomUUID } from "node:crypto";
import type { CheckoutSystem } from "@peakshop/system-tests/checkout-system";
import type { AcceptedCheckout } from "../../src/verdicts";

/** JSON over HTTP; the status and body, whatever the status. */
export async function http<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T | undefined }> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as T) : undefined };
}

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
}

/**
 * One shopper of the flash sale, through the services' own HTTP APIs: adds
 * the item, checks out (and, for some, checks out again with the same key, as
 * a client that lost the answer does), and maybe cancels.
 */
export async function shop(system: CheckoutSystem, shopper: Shopper): Promise<ShopperOutcome> {
  const { customerId } = shopper;
  const added = await http("POST", `${system.urls.cart}/v1/carts/${customerId}/items`, {
    sku: shopper.sku,
    quantity: 1,
  });
  if (added.status !== 200) throw new Error(`add to cart answered ${added.status}`);
  const key = randomUUID();
  const checkout = () =>
    http<{ orderId: string }>(
      "POST",
      `${system.urls.cart}/v1/carts/${customerId}/checkout`,
      { paymentToken: shopper.paymentToken },
      { "idempotency-key": key },
    );
  const first = await checkout();
  if (first.status !== 202 || !first.body) throw new Error(`checkout answered ${first.status}`);
  const accepted = { orderId: first.body.orderId, customerId };
  let replay: ShopperOutcome["replay"];
  if (shopper.replays) {
    const again = await checkout();
    if (again.status === 202 && again.body) replay = { first: accepted.orderId, second: again.body.orderId };
  }
  if (shopper.cancelAfterMs !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, shopper.cancelAfterMs));
    // 200, or 409 once captured or final: both are answers the saga allows.
    await http("POST", `${system.urls.order}/v1/orders/${accepted.orderId}/cancel`, undefined, {
      "x-customer-id": customerId,
    });
  }
  return { accepted, ...(replay ? { replay } : {}) };
}
