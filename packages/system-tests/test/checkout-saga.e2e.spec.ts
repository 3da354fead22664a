import { testContext, waitFor } from "@peakshop/testing";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startCheckoutSystem, type CheckoutSystem } from "../src/checkout-system";
import { checkoutDriver, NO_FAULTS, type Ledger } from "./support/checkout-driver";
import { call } from "./support/http";
import { samplesOf, scrape } from "./support/metrics";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("checkout saga across cart, inventory, order, payment and the bank", () => {
  let system: CheckoutSystem;
  let driver: ReturnType<typeof checkoutDriver>;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    driver = checkoutDriver(system);
  });

  afterAll(async () => {
    await system?.stop();
  });

  afterEach(async () => {
    await driver?.setBankFaults(NO_FAULTS);
  });

  it("confirms a paid order, captures exactly its total once, and sells the stock", async () => {
    const sku = await driver.product(5);
    const { orderId, customerId } = await driver.checkout(sku, 2);
    const view = await driver.final(orderId);
    expect(view.status).toBe("CONFIRMED");
    expect(view.totalCents).toBe(2500);
    await driver.expectTold(customerId, ["order-received", "order-confirmed"]);
    expect(view.history.map((entry) => entry.status)).toEqual([
      "PLACED",
      "STOCK_RESERVED",
      "PAYMENT_PENDING",
      "CONFIRMED",
    ]);
    await driver.expectMoneyConsistent(view);
    await driver.expectAvailable(sku, 3);
  });

  it("rejects an order for more than is in stock, charging nothing", async () => {
    const sku = await driver.product(1);
    const { orderId } = await driver.checkout(sku, 2);
    const view = await driver.final(orderId);
    expect(view.status).toBe("REJECTED");
    await driver.expectMoneyConsistent(view);
    await driver.expectAvailable(sku, 1);
  });

  it("cancels a declined payment with the reason and releases the stock", async () => {
    const sku = await driver.product(3);
    const { orderId, customerId } = await driver.checkout(sku, 1, "tok_declined");
    const view = await driver.final(orderId);
    expect(view.status).toBe("CANCELLED");
    expect(view.history.at(-1)?.reason).toBe("payment-declined");
    await driver.expectTold(customerId, ["order-received", "order-cancelled"]);
    await driver.expectMoneyConsistent(view);
    await driver.expectAvailable(sku, 3);
  });

  it("retries transient bank errors and confirms once the bank answers again", async () => {
    const sku = await driver.product(3);
    await driver.setBankFaults({ errorRate: 1 });
    const { orderId, customerId } = await driver.checkout(sku, 1);
    await driver.paymentDelayed(orderId);
    await driver.setBankFaults({ errorRate: 0 });
    const view = await driver.final(orderId);
    expect(view.status).toBe("CONFIRMED");
    expect(view.payment.attempts).toBeGreaterThan(1);
    await driver.expectMoneyConsistent(view);
    await driver.expectTold(customerId, ["order-received", "payment-delayed", "order-confirmed"]);
  });

  it("charges exactly once when the bank commits a charge but its response is lost", async () => {
    const sku = await driver.product(3);
    await driver.setBankFaults({ lostResponseRate: 1 });
    const { orderId } = await driver.checkout(sku, 1);
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
    await driver.setBankFaults({ lostResponseRate: 0 });
    const view = await driver.final(orderId);
    expect(view.status).toBe("CONFIRMED");
    await driver.expectMoneyConsistent(view);
  });

  it("cancels when the bank is down past the deadline, releases the stock, and charges nothing", async () => {
    const sku = await driver.product(2);
    await driver.setBankFaults({ outage: true });
    const { orderId, customerId } = await driver.checkout(sku, 2);
    const view = await driver.final(orderId);
    expect(view.status).toBe("CANCELLED");
    expect(view.history.at(-1)?.reason).toBe("payment-deadline-passed");
    await driver.expectTold(customerId, ["order-received", "payment-delayed", "order-cancelled"]);
    await driver.setBankFaults({ outage: false });
    await driver.expectMoneyConsistent(view);
    await driver.expectAvailable(sku, 2);
  });

  it("refunds a capture that lands after the customer cancelled", async () => {
    const sku = await driver.product(2);
    // A breaker still open from an earlier outage would hold the first charge back, and
    // the cancellation now stops payment before any charge reaches the bank.
    await waitFor(
      async () => samplesOf(await scrape(system.urls.payment), "peakshop_bank_circuit_state")[0]?.value === 0,
      { timeoutMs: 30_000, description: "the payment service's bank circuit to be closed" },
    );
    // The bank commits each charge only after 2.5 s, past the payment service's 1 s timeout.
    await driver.setBankFaults({ latencyMs: 2_500 });
    const { orderId, customerId } = await driver.checkout(sku, 1);
    // A timed-out attempt is one the bank received (not one our breaker held back).
    await driver.orderWhen(
      orderId,
      (view) => view.payment.status === "delayed" && /timeout/.test(view.payment.lastError ?? ""),
      "to show a payment attempt that timed out at the bank",
      30_000,
    );
    await driver.cancel(orderId, customerId);
    await driver.setBankFaults({ latencyMs: 0 });
    const view = await driver.orderWhen(
      orderId,
      (candidate) => candidate.payment.status === "refunded",
      "to have its late capture refunded",
      60_000,
    );
    expect(view.status).toBe("CANCELLED");
    await driver.expectMoneyConsistent(view);
    // Told each step once, the refund included (I7).
    await driver.expectTold(customerId, [
      "order-received",
      "payment-delayed",
      "order-cancelled",
      "payment-refunded",
    ]);
    await driver.expectAvailable(sku, 2);
  });

  it("refunds, never confirms, a paid order whose stock hold ran out and sold before inventory could sell it (I3)", async () => {
    const sku = await driver.product(1);
    await driver.setBankFaults({ errorRate: 1 });
    const late = await driver.checkout(sku, 1);
    await driver.paymentDelayed(late.orderId);
    // The hold runs out while the payment is retried; the item goes back on sale...
    await driver.expireHold(late.orderId);
    await driver.expectAvailable(sku, 1);
    // ...and someone else takes it before the first order's payment goes through.
    const next = await driver.checkout(sku, 1);
    await driver.orderWhen(
      next.orderId,
      (view) => view.status === "PAYMENT_PENDING",
      "to hold the item",
      30_000,
    );
    await driver.setBankFaults({ errorRate: 0 });
    const lost = await driver.orderWhen(
      late.orderId,
      (view) => view.payment.status === "refunded",
      "to have its payment refunded",
      60_000,
    );
    expect(lost.status).toBe("CANCELLED");
    expect(lost.history.at(-1)?.reason).toBe("stock-hold-expired");
    await driver.expectMoneyConsistent(lost);
    await driver.expectTold(late.customerId, [
      "order-received",
      "payment-delayed",
      "order-cancelled",
      "payment-refunded",
    ]);
    const sold = await driver.final(next.orderId);
    expect(sold.status).toBe("CONFIRMED");
    await driver.expectMoneyConsistent(sold);
    await driver.expectAvailable(sku, 0);
  });

  it("stops charging once the customer cancels: the bank never captures the cancelled order", async () => {
    const sku = await driver.product(2);
    // The bank refuses every request at once: nothing reaches its books while the customer waits.
    await driver.setBankFaults({ outage: true });
    const { orderId, customerId } = await driver.checkout(sku, 1);
    await driver.paymentDelayed(orderId);
    await driver.cancel(orderId, customerId);
    // Payment stops retrying long before the order's deadline would have stopped it (12 s).
    await waitFor(
      async () =>
        samplesOf(await scrape(system.urls.payment), "peakshop_payment_attempts_pending")[0]?.value === 0,
      { timeoutMs: 8_000, description: "payment to stop trying after the cancellation" },
    );
    await driver.setBankFaults({ outage: false });
    const view = await driver.final(orderId);
    expect(view.status).toBe("CANCELLED");
    const ledger = await call<Ledger>("GET", `${system.urls.bank}/v1/ledger`, undefined, {}, 200);
    expect(ledger.charges.filter((charge) => charge.reference === orderId)).toEqual([]);
    await driver.expectMoneyConsistent(view);
    await driver.expectAvailable(sku, 2);
  });

  it("completes a saga whose payment service restarts in the middle of it", async () => {
    const sku = await driver.product(2);
    await driver.setBankFaults({ errorRate: 1 });
    const { orderId } = await driver.checkout(sku, 1);
    await driver.paymentDelayed(orderId);
    await system.restartPayment();
    await driver.setBankFaults({ errorRate: 0 });
    const view = await driver.final(orderId);
    expect(view.status).toBe("CONFIRMED");
    await driver.expectMoneyConsistent(view);
    await driver.expectAvailable(sku, 1);
    expect((await driver.order(orderId)).status).toBe("CONFIRMED");
  });
});
