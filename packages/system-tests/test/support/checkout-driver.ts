import { waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect } from "vitest";
import { NO_BANK_FAULTS, PAYMENT_DEADLINE_MS, type CheckoutSystem } from "../../src/checkout-system";
import { call } from "./http";

export interface OrderView {
  orderId: string;
  status: string;
  totalCents: number;
  payment: { status: string; attempts: number; lastError?: string };
  history: { status: string; reason?: string }[];
}
export interface Ledger {
  charges: { chargeId: string; reference: string; status: string; amountCents: number }[];
  refunds: { chargeId: string; amountCents: number }[];
}

const FINAL = ["CONFIRMED", "REJECTED", "CANCELLED"];
const FINAL_WITHIN_MS = PAYMENT_DEADLINE_MS + 20_000;

/** The bank simulator's faults, as the API replaces them: omitted ones are off. */
export const NO_FAULTS = NO_BANK_FAULTS;

/**
 * What the saga tests do to the in-process system and check on it, through
 * the services' own HTTP APIs, each wait bounded.
 */
export function checkoutDriver(system: CheckoutSystem) {
  async function product(stock: number, priceCents = 1250): Promise<string> {
    const sku = `sku-${randomUUID().slice(0, 8)}`;
    await call(
      "PUT",
      `${system.urls.inventory}/v1/admin/products/${sku}`,
      { name: "Festival lantern", priceCents, currency: "EUR", stock },
      {},
      201,
    );
    return sku;
  }

  async function checkout(
    sku: string,
    quantity: number,
    paymentToken = "tok_ok",
  ): Promise<{ orderId: string; customerId: string }> {
    const customerId = `customer-${randomUUID().slice(0, 8)}`;
    await call("POST", `${system.urls.cart}/v1/carts/${customerId}/items`, { sku, quantity }, {}, 200);
    const accepted = await call<{ orderId: string }>(
      "POST",
      `${system.urls.cart}/v1/carts/${customerId}/checkout`,
      { paymentToken },
      { "idempotency-key": randomUUID() },
      202,
    );
    return { orderId: accepted.orderId, customerId };
  }

  const order = (orderId: string) =>
    call<OrderView>("GET", `${system.urls.order}/v1/orders/${orderId}`, undefined, {}, 200);

  async function orderWhen(
    orderId: string,
    done: (view: OrderView) => boolean,
    description: string,
    timeoutMs = FINAL_WITHIN_MS,
  ): Promise<OrderView> {
    return waitFor(
      async () => {
        const response = await fetch(`${system.urls.order}/v1/orders/${orderId}`);
        if (response.status !== 200) return undefined;
        const view = (await response.json()) as OrderView;
        return done(view) ? view : undefined;
      },
      { timeoutMs, intervalMs: 100, description: `order ${orderId} ${description}` },
    );
  }

  const final = (orderId: string) =>
    orderWhen(orderId, (view) => FINAL.includes(view.status), "to reach a final status");

  /** I2: money captured minus refunded equals the total if confirmed, 0 otherwise, per the bank's own ledger. */
  async function expectMoneyConsistent(view: OrderView): Promise<void> {
    const ledger = await call<Ledger>("GET", `${system.urls.bank}/v1/ledger`, undefined, {}, 200);
    const charges = ledger.charges.filter(
      (charge) => charge.reference === view.orderId && charge.status === "captured",
    );
    const captured = charges.reduce((sum, charge) => sum + charge.amountCents, 0);
    const refunded = ledger.refunds
      .filter((refund) => charges.some((charge) => charge.chargeId === refund.chargeId))
      .reduce((sum, refund) => sum + refund.amountCents, 0);
    expect(charges.length, "at most one capture per order").toBeLessThanOrEqual(1);
    expect(captured - refunded).toBe(view.status === "CONFIRMED" ? view.totalCents : 0);
  }

  /** I7: the customer was told each change, each once, in the in-app feed. */
  async function expectTold(customerId: string, kinds: string[]): Promise<void> {
    const feed = await waitFor(
      async () => {
        const page = await call<{ items: { kind: string; message: string }[] }>(
          "GET",
          `${system.urls.notification}/v1/customers/${customerId}/notifications`,
        );
        return kinds.every((kind) => page.items.some((item) => item.kind === kind)) ? page : undefined;
      },
      { timeoutMs: 30_000, description: `${customerId} to be told ${kinds.join(", ")}` },
    );
    for (const kind of kinds)
      expect(
        feed.items.filter((item) => item.kind === kind),
        kind,
      ).toHaveLength(1);
  }

  /** I3 and stock release: what is on sale equals the stock minus what confirmed orders took. */
  async function expectAvailable(sku: string, available: number): Promise<void> {
    await waitFor(
      async () =>
        (await call<{ available: number }>("GET", `${system.urls.inventory}/v1/products/${sku}`))
          .available === available,
      { timeoutMs: 30_000, description: `${sku} to have ${available} available` },
    );
  }

  const paymentDelayed = (orderId: string) =>
    orderWhen(orderId, (view) => view.payment.status === "delayed", "to show the payment delayed", 30_000);

  /** The customer cancels their order (the order service's own endpoint, as the gateway calls it). */
  const cancel = (orderId: string, customerId: string) =>
    call(
      "POST",
      `${system.urls.order}/v1/orders/${orderId}/cancel`,
      undefined,
      { "x-customer-id": customerId },
      200,
    );

  /**
   * Lets the order's stock hold run out now, as it does when CommitStock waits
   * in a lagging topic past the hold's margin; inventory's sweeper then gives
   * the items back.
   */
  async function expireHold(orderId: string): Promise<void> {
    const client = new pg.Client({ connectionString: system.databaseUrls.inventory });
    await client.connect();
    try {
      await client.query(
        `UPDATE reservations SET hold_until = now() WHERE order_id = $1 AND status = 'held'`,
        [orderId],
      );
    } finally {
      await client.end();
    }
  }

  return {
    product,
    expireHold,
    checkout,
    cancel,
    order,
    orderWhen,
    final,
    paymentDelayed,
    setBankFaults: system.setBankFaults,
    expectMoneyConsistent,
    expectTold,
    expectAvailable,
  };
}
