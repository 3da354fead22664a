import { testContext, waitFor } from "@peakshop/testing";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startCheckoutSystem, type CheckoutSystem } from "../src/checkout-system";
import { checkoutDriver, NO_FAULTS, type Ledger } from "./support/checkout-driver";
import { call } from "./support/http";

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
    // The bank commits each charge only after 2.5 s, past the payment service's 1 s timeout.
    await driver.setBankFaults({ latencyMs: 2_500 });
    const { orderId, customerId } = await driver.checkout(sku, 1);
    await driver.paymentDelayed(orderId);
    await call(
      "POST",
      `${system.urls.order}/v1/orders/${orderId}/cancel`,
      undefined,
      { "x-customer-id": customerId },
      200,
    );
    await driver.setBankFaults({ latencyMs: 0 });
    const view = await driver.orderWhen(
      orderId,
      (candidate) => candidate.payment.status === "refunded",
      "to have its late capture refunded",
      60_000,
    );
    expect(view.status).toBe("CANCELLED");
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
