import { testContext, waitFor } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCheckoutSystem, type CheckoutSystem } from "../src/checkout-system";
import { checkoutDriver } from "./support/checkout-driver";
import { samplesOf, scrape, valueOf, type Sample } from "./support/metrics";

const ctx = testContext(inject("peakshopInfrastructure"));

/** The saga's metrics as operators read them, on the whole system in-process. */
describe("checkout saga metrics", () => {
  let system: CheckoutSystem;
  let driver: ReturnType<typeof checkoutDriver>;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    driver = checkoutDriver(system);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it("reports the saga on /metrics: each finish counted once, bank outcomes, nothing open or stuck", async () => {
    const finished = (samples: Sample[], status: string, reason: string) =>
      valueOf(samples, "peakshop_orders_finished_total", { status, reason });
    const charges = (samples: Sample[], outcome: string) =>
      valueOf(samples, "peakshop_bank_requests_total", { operation: "charge", outcome });
    const orderBefore = await scrape(system.urls.order);
    const paymentBefore = await scrape(system.urls.payment);

    const sku = await driver.product(5);
    const paid = await driver.checkout(sku, 1);
    const declined = await driver.checkout(sku, 1, "tok_declined");
    expect((await driver.final(paid.orderId)).status).toBe("CONFIRMED");
    expect((await driver.final(declined.orderId)).status).toBe("CANCELLED");

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
