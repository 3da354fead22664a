import { describe, expect, it } from "vitest";
import { checkEveryOrderFinal, checkMoney, checkStock, type FinishedOrder } from "./invariants";

const order = (orderId: string, status: string, totalCents = 1000, quantity = 1): FinishedOrder => ({
  orderId,
  status,
  totalCents,
  items: [{ sku: "lantern", quantity }],
});

describe("the benchmark's invariant checks", () => {
  it("I1: given every accepted order final, then it holds; one open or missing breaks it", () => {
    expect(checkEveryOrderFinal(2, [order("a", "CONFIRMED"), order("b", "REJECTED")]).ok).toBe(true);
    expect(checkEveryOrderFinal(2, [order("a", "CONFIRMED"), order("b", "PAYMENT_PENDING")]).ok).toBe(false);
    expect(checkEveryOrderFinal(3, [order("a", "CONFIRMED"), order("b", "CANCELLED")]).ok).toBe(false);
  });

  it("I2: given captures of confirmed orders and refunded captures of cancelled ones, then it holds", () => {
    const check = checkMoney(
      [order("a", "CONFIRMED"), order("b", "CANCELLED")],
      [
        { chargeId: "c1", reference: "a", status: "captured", amountCents: 1000 },
        { chargeId: "c2", reference: "b", status: "captured", amountCents: 1000 },
        { chargeId: "c3", reference: "b", status: "declined", amountCents: 1000 },
      ],
      [{ chargeId: "c2", amountCents: 1000 }],
    );
    // c2's refund makes b's net zero, but b was captured once only, so no double capture either.
    expect(check).toMatchObject({ id: "I2", ok: true });
  });

  it("I2: given a confirmed order never captured, or one captured twice, then it is broken", () => {
    expect(checkMoney([order("a", "CONFIRMED")], [], []).ok).toBe(false);
    const twice = checkMoney(
      [order("a", "CONFIRMED")],
      [
        { chargeId: "c1", reference: "a", status: "captured", amountCents: 1000 },
        { chargeId: "c2", reference: "a", status: "captured", amountCents: 1000 },
      ],
      [{ chargeId: "c2", amountCents: 1000 }],
    );
    expect(twice.ok).toBe(false);
    expect(twice.detail).toContain("1 captured twice");
  });

  it("I3: given sold plus available equal to the stock on sale, then it holds; an oversale breaks it", () => {
    const orders = [order("a", "CONFIRMED", 2000, 2), order("b", "REJECTED")];
    expect(checkStock(orders, [{ sku: "lantern", initial: 5, available: 3 }]).ok).toBe(true);
    expect(checkStock(orders, [{ sku: "lantern", initial: 5, available: 4 }]).ok).toBe(false);
    expect(checkStock(orders, [{ sku: "lantern", initial: 1, available: -1 }]).ok).toBe(false);
  });
});
