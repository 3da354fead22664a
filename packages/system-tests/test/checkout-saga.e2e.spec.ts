import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startCheckoutSystem, PAYMENT_DEADLINE_MS, type CheckoutSystem } from "../src/checkout-system";
import { call } from "./support/http";
import { samplesOf, scrape, valueOf, type Sample } from "./support/metrics";

const ctx = testContext(inject("peakshopInfrastructure"));

interface OrderView {
  orderId: string;
  status: string;
  totalCents: number;
  payment: { status: string; attempts: number; lastError?: string };
  history: { status: string; reason?: string }[];
}
interface Ledger {
  charges: { chargeId: string; reference: string; status: string; amountCents: number }[];
  refunds: { chargeId: string; amountCents: number }[];
}

const FINAL = ["CONFIRMED", "REJECTED", "CANCELLED"];
const FINAL_WITHIN_MS = PAYMENT_DEADLINE_MS + 20_000;

describe("checkout saga across cart, inventory, order, payment and the bank", () => {
  let system: CheckoutSystem;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
  });

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(async () => {
    await call("PUT", `${system.urls.bank}/v1/faults`, {
      latencyMs: 0,
      errorRate: 0,
      outage: false,
      capacity: null,
      lostResponseRate: 0,
      declineRate: 0,
    });
  });

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

  it("confirms a paid order, captures exactly its total once, and sells the stock", async () => {
    const sku = await product(5);
    const { orderId, customerId } = await checkout(sku, 2);
    const view = await final(orderId);
    expect(view.status).toBe("CONFIRMED");
    expect(view.totalCents).toBe(2500);
    await expectTold(customerId, ["order-received", "order-confirmed"]);
    expect(view.history.map((entry) => entry.status)).toEqual([
      "PLACED",
      "STOCK_RESERVED",
      "PAYMENT_PENDING",
      "CONFIRMED",
    ]);
    await expectMoneyConsistent(view);
    await expectAvailable(sku, 3);
  });

  it("rejects an order for more than is in stock, charging nothing", async () => {
    const sku = await product(1);
    const { orderId } = await checkout(sku, 2);
    const view = await final(orderId);
    expect(view.status).toBe("REJECTED");
    await expectMoneyConsistent(view);
    await expectAvailable(sku, 1);
  });

  it("cancels a declined payment with the reason and releases the stock", async () => {
    const sku = await product(3);
    const { orderId, customerId } = await checkout(sku, 1, "tok_declined");
    const view = await final(orderId);
    expect(view.status).toBe("CANCELLED");
    expect(view.history.at(-1)?.reason).toBe("payment-declined");
    await expectTold(customerId, ["order-received", "order-cancelled"]);
    await expectMoneyConsistent(view);
    await expectAvailable(sku, 3);
  });

  it("retries transient bank errors and confirms once the bank answers again", async () => {
    const sku = await product(3);
    await call("PUT", `${system.urls.bank}/v1/faults`, { errorRate: 1 }, {}, 200);
    const { orderId, customerId } = await checkout(sku, 1);
    await orderWhen(
      orderId,
      (view) => view.payment.status === "delayed",
      "to show the payment delayed",
      30_000,
    );
    await call("PUT", `${system.urls.bank}/v1/faults`, { errorRate: 0 }, {}, 200);
    const view = await final(orderId);
    expect(view.status).toBe("CONFIRMED");
    expect(view.payment.attempts).toBeGreaterThan(1);
    await expectMoneyConsistent(view);
    await expectTold(customerId, ["order-received", "payment-delayed", "order-confirmed"]);
  });

  it("charges exactly once when the bank commits a charge but its response is lost", async () => {
    const sku = await product(3);
    await call("PUT", `${system.urls.bank}/v1/faults`, { lostResponseRate: 1 }, {}, 200);
    const { orderId } = await checkout(sku, 1);
    await waitFor(
      async () =>
        (await call<Ledger>("GET", `${system.urls.bank}/v1/ledger`)).charges.some(
          (charge) => charge.reference === orderId,
        ),
      {
        timeoutMs: 30_000,
        description: "the bank to commit the charge whose response it drops",
      },
    );
    await call("PUT", `${system.urls.bank}/v1/faults`, { lostResponseRate: 0 }, {}, 200);
    const view = await final(orderId);
    expect(view.status).toBe("CONFIRMED");
    await expectMoneyConsistent(view);
  });

  it("cancels when the bank is down past the deadline, releases the stock, and charges nothing", async () => {
    const sku = await product(2);
    await call("PUT", `${system.urls.bank}/v1/faults`, { outage: true }, {}, 200);
    const { orderId, customerId } = await checkout(sku, 2);
    const view = await final(orderId);
    expect(view.status).toBe("CANCELLED");
    expect(view.history.at(-1)?.reason).toBe("payment-deadline-passed");
    await expectTold(customerId, ["order-received", "payment-delayed", "order-cancelled"]);
    await call("PUT", `${system.urls.bank}/v1/faults`, { outage: false }, {}, 200);
    await expectMoneyConsistent(view);
    await expectAvailable(sku, 2);
  });

  it("refunds a capture that lands after the customer cancelled", async () => {
    const sku = await product(2);
    // The bank commits each charge only after 2.5 s, past the payment service's 1 s timeout.
    await call("PUT", `${system.urls.bank}/v1/faults`, { latencyMs: 2_500 }, {}, 200);
    const { orderId, customerId } = await checkout(sku, 1);
    await orderWhen(
      orderId,
      (view) => view.payment.status === "delayed",
      "to show the payment delayed",
      30_000,
    );
    await call(
      "POST",
      `${system.urls.order}/v1/orders/${orderId}/cancel`,
      undefined,
      { "x-customer-id": customerId },
      200,
    );
    await call("PUT", `${system.urls.bank}/v1/faults`, { latencyMs: 0 }, {}, 200);
    const view = await orderWhen(
      orderId,
      (candidate) => candidate.payment.status === "refunded",
      "to have its late capture refunded",
      60_000,
    );
    expect(view.status).toBe("CANCELLED");
    await expectMoneyConsistent(view);
    await expectAvailable(sku, 2);
  });

  it("completes a saga whose payment service restarts in the middle of it", async () => {
    const sku = await product(2);
    await call("PUT", `${system.urls.bank}/v1/faults`, { errorRate: 1 }, {}, 200);
    const { orderId } = await checkout(sku, 1);
    await orderWhen(
      orderId,
      (view) => view.payment.status === "delayed",
      "to show the payment delayed",
      30_000,
    );
    await system.restartPayment();
    await call("PUT", `${system.urls.bank}/v1/faults`, { errorRate: 0 }, {}, 200);
    const view = await final(orderId);
    expect(view.status).toBe("CONFIRMED");
    await expectMoneyConsistent(view);
    await expectAvailable(sku, 1);
    expect((await order(orderId)).status).toBe("CONFIRMED");
  });

  it("reports the saga on /metrics: each finish counted once, bank outcomes, nothing open or stuck", async () => {
    const finished = (samples: Sample[], status: string, reason: string) =>
      valueOf(samples, "peakshop_orders_finished_total", { status, reason });
    const charges = (samples: Sample[], outcome: string) =>
      valueOf(samples, "peakshop_bank_requests_total", { operation: "charge", outcome });
    const orderBefore = await scrape(system.urls.order);
    const paymentBefore = await scrape(system.urls.payment);

    const sku = await product(5);
    const paid = await checkout(sku, 1);
    const declined = await checkout(sku, 1, "tok_declined");
    expect((await final(paid.orderId)).status).toBe("CONFIRMED");
    expect((await final(declined.orderId)).status).toBe("CANCELLED");

    // Every earlier order is final too, so nothing is open, stuck, or left to read or publish.
    const orderAfter = await waitFor(
      async () => {
        const samples = await scrape(system.urls.order);
        const settled =
          samplesOf(samples, "peakshop_orders_open").every((sample) => sample.value === 0) &&
          samplesOf(samples, "peakshop_consumer_lag").every((sample) => sample.value === 0) &&
          valueOf(samples, "peakshop_outbox_pending") === 0;
        return settled ? samples : undefined;
      },
      { timeoutMs: 30_000, description: "the order service to report nothing open, lagging or pending" },
    );
    expect(finished(orderAfter, "CONFIRMED", "none") - finished(orderBefore, "CONFIRMED", "none")).toBe(1);
    expect(
      finished(orderAfter, "CANCELLED", "payment-declined") -
        finished(orderBefore, "CANCELLED", "payment-declined"),
    ).toBe(1);
    const confirmations = (samples: Sample[]) =>
      valueOf(samples, "peakshop_order_time_to_final_seconds_count", { status: "CONFIRMED" });
    expect(confirmations(orderAfter) - confirmations(orderBefore)).toBe(1);
    expect(
      samplesOf(orderAfter, "peakshop_orders_open")
        .map((sample) => sample.labels.status)
        .sort(),
    ).toEqual(["PAYMENT_PENDING", "PLACED", "STOCK_RESERVED"]);
    expect(valueOf(orderAfter, "peakshop_orders_past_deadline")).toBe(0);
    expect(samplesOf(orderAfter, "peakshop_consumer_lag").length).toBeGreaterThan(0);
    expect(
      samplesOf(orderAfter, "peakshop_dead_letters_total", { consumer: "order" }).map(
        (sample) => sample.value,
      ),
    ).toContain(0);

    const paymentAfter = await waitFor(
      async () => {
        const samples = await scrape(system.urls.payment);
        return valueOf(samples, "peakshop_payment_attempts_pending") === 0 ? samples : undefined;
      },
      { timeoutMs: 30_000, description: "the payment service to report no attempts pending" },
    );
    expect(charges(paymentAfter, "success") - charges(paymentBefore, "success")).toBe(1);
    expect(charges(paymentAfter, "declined") - charges(paymentBefore, "declined")).toBe(1);
    expect(samplesOf(paymentAfter, "peakshop_bank_requests_total")).toHaveLength(15);
    expect(valueOf(paymentAfter, "peakshop_bank_circuit_state")).toBe(0);
    const timedCharges = (samples: Sample[]) =>
      valueOf(samples, "peakshop_bank_request_duration_seconds_count", { operation: "charge" });
    expect(timedCharges(paymentAfter) - timedCharges(paymentBefore)).toBe(2);
  });
});
