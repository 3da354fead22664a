import { describe, expect, it } from "vitest";
import { describeSale, judge, type OrderOutcome, type SaleObservations } from "./report";

const order = (
  orderId: string,
  status: OrderOutcome["status"],
  extra: Partial<OrderOutcome> = {},
): OrderOutcome => ({
  orderId,
  status,
  quantity: 1,
  totalCents: 1999,
  attempts: 1,
  duringOutage: false,
  ...extra,
});

const sale = (overrides: Partial<SaleObservations> = {}): SaleObservations => ({
  sku: "lantern",
  currency: "EUR",
  stockOnSale: 2,
  availableAfter: 0,
  orders: [
    order("a", "CONFIRMED"),
    order("b", "CONFIRMED", { attempts: 3, duringOutage: true }),
    order("c", "CANCELLED", { reason: "payment-declined", attempts: 1 }),
    order("d", "REJECTED"),
  ],
  charges: [
    { reference: "a", status: "captured", amountCents: 1999 },
    { reference: "b", status: "captured", amountCents: 1999 },
    { reference: "c", status: "declined", amountCents: 1999 },
  ],
  refunds: [],
  notifications: { "order-received": 4, "payment-delayed": 1, "order-confirmed": 2 },
  incidents: [
    { message: "Payments are down", startedAt: "2026-11-11T00:00:00Z", resolvedAt: "2026-11-11T00:00:17Z" },
  ],
  refusedCheckouts: {},
  ...overrides,
});

describe("the flash sale's verdict", () => {
  it("keeps every promise when money, stock and statuses add up", () => {
    const verdict = judge(sale());
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.every((check) => check.ok)).toBe(true);
  });

  it("catches an order charged twice", () => {
    const charges = [...sale().charges, { reference: "a", status: "captured" as const, amountCents: 1999 }];
    const verdict = judge(sale({ charges }));
    expect(verdict.ok).toBe(false);
    expect(verdict.checks.find((check) => !check.ok)?.text).toMatch(/charged twice/);
  });

  it("counts a refunded capture as money not kept", () => {
    const charges = [...sale().charges, { reference: "c", status: "captured" as const, amountCents: 1999 }];
    expect(judge(sale({ charges })).ok).toBe(false);
    expect(judge(sale({ charges, refunds: [{ chargeReference: "c", amountCents: 1999 }] })).ok).toBe(true);
  });

  it("catches overselling, stock left on hold, and unfinished orders", () => {
    expect(judge(sale({ stockOnSale: 1, availableAfter: -1 })).ok).toBe(false);
    expect(judge(sale({ availableAfter: 1 })).ok).toBe(false);
    expect(judge(sale({ orders: [...sale().orders, order("e", undefined)] })).ok).toBe(false);
  });

  it("tells a newcomer what happened in words", () => {
    const text = describeSale(sale(), judge(sale())).join("\n");
    expect(text).toContain("4 orders placed");
    expect(text).toContain("2 confirmed (1 of them paid only on a later attempt");
    expect(text).toContain("1 cancelled: the bank declined the payment");
    expect(text).toContain("1 rejected: every item was sold or held");
    expect(text).toContain("captured 2 charges worth 39.98 EUR, declined 1, refunded nothing");
    expect(text).toContain("Stock: 2 on sale, 2 sold, 0 left");
    expect(text).toContain("1 × payment-delayed");
    expect(text).toContain('"Payments are down" (resolved after 17 s)');
    expect(text).not.toContain("BROKEN");
  });
});
