import { describe, expect, it } from "vitest";
import { CartView, checkoutAcceptedView, OrderView, ProductView } from "./public-views";

describe("public views", () => {
  it("drops the cart service's customerId", () => {
    const internal = {
      customerId: "alice",
      items: [{ sku: "lantern", name: "Lantern", quantity: 2, priceCents: 1250 }],
      totalCents: 2500,
      currency: "EUR",
    };
    expect(CartView.parse(internal)).toEqual({
      items: internal.items,
      totalCents: 2500,
      currency: "EUR",
    });
  });

  it("keeps an empty cart's null currency", () => {
    expect(CartView.parse({ customerId: "a", items: [], totalCents: 0, currency: null })).toEqual({
      items: [],
      totalCents: 0,
      currency: null,
    });
  });

  it("refuses a product that breaks the contract", () => {
    expect(
      ProductView.safeParse({ sku: "x", name: "y", priceCents: 12.5, currency: "EUR", available: 1 }).success,
    ).toBe(false);
  });

  it("shows an order without internal fields", () => {
    const order = OrderView.parse({
      orderId: "o1",
      customerId: "alice",
      status: "CANCELLED",
      items: [],
      totalCents: 0,
      currency: "EUR",
      paymentToken: "tok_secret",
      payment: { status: "declined", attempts: 1, lastError: "declined", chargeId: "c1" },
      deadline: "2025-11-11T00:00:00.000Z",
      history: [{ status: "CANCELLED", at: "2025-11-11T00:00:00.000Z", reason: "payment-declined" }],
    });
    expect(order).not.toHaveProperty("customerId");
    expect(order).not.toHaveProperty("paymentToken");
    expect(order.payment).toEqual({ status: "declined", attempts: 1, lastError: "declined" });
  });

  it("adds where to follow an accepted checkout", () => {
    expect(checkoutAcceptedView({ orderId: "o-1", status: "PLACED" })).toEqual({
      orderId: "o-1",
      status: "PLACED",
      statusUrl: "/v1/orders/o-1",
    });
  });
});
