import { describe, expect, it } from "vitest";
import { checkAll, type Evidence, type OrderAtEnd } from "./verdicts";

const at = (s: number) => new Date(Date.parse("2026-11-11T00:00:00.000Z") + s * 1000).toISOString();
const order = (orderId: string, status: string, extra: Partial<OrderAtEnd> = {}): OrderAtEnd => ({
  orderId,
  status,
  totalCents: 1000,
  deadline: at(12),
  items: [{ sku: "hot", quantity: 1 }],
  payment: { status: status === "CONFIRMED" ? "captured" : "abandoned" },
  history: [
    { status: "PLACED", at: at(0) },
    { status, at: at(3) },
  ],
  ...extra,
});

function given(overrides: Partial<Evidence> = {}): Evidence {
  return {
    accepted: [
      { orderId: "o1", customerId: "c1" },
      { orderId: "o2", customerId: "c2" },
    ],
    unlistedCustomers: [],
    orders: new Map([
      ["o1", order("o1", "CONFIRMED")],
      ["o2", order("o2", "CANCELLED")],
    ]),
    ledger: {
      charges: [{ chargeId: "ch1", reference: "o1", status: "captured", amountCents: 1000 }],
      refunds: [],
    },
    stock: [{ sku: "hot", initial: 5, available: 4 }],
    healedAtMs: Date.parse(at(10)),
    drainMs: 20_000,
    replays: [{ first: "o1", second: "o1" }],
    isolationProbes: [404, 404],
    feeds: new Map([
      ["c1", ["order-received", "order-confirmed"]],
      ["c2", ["order-received", "payment-delayed", "order-cancelled"]],
    ]),
    ...overrides,
  };
}
const verdicts = (evidence: Evidence) =>
  Object.fromEntries(checkAll(evidence).map((v) => [v.invariant, v.verdict]));

describe("campaign checker", () => {
  it("given evidence that confirms every invariant, then all are ok", () => {
    expect(verdicts(given())).toEqual({
      I1: "ok",
      I2: "ok",
      I3: "ok",
      I4: "ok",
      I5: "ok",
      I6: "ok",
      I7: "ok",
    });
  });

  it("given an order that could not be read, then what depends on it is unknown, never ok", () => {
    const result = verdicts(
      given({
        orders: new Map([
          ["o1", order("o1", "CONFIRMED")],
          ["o2", undefined],
        ]),
      }),
    );
    expect(result).toMatchObject({ I1: "unknown", I2: "unknown", I4: "unknown", I7: "unknown" });
  });

  it("given a ledger that did not answer, then I2 is unknown", () => {
    expect(verdicts(given({ ledger: undefined })).I2).toBe("unknown");
  });

  it("given money kept for a cancelled order, or a double capture, then I2 is violated", () => {
    const kept = {
      charges: [{ chargeId: "x", reference: "o2", status: "captured", amountCents: 1000 }],
      refunds: [],
    };
    expect(
      verdicts(given({ ledger: { ...kept, charges: [...kept.charges, ...given().ledger!.charges] } })).I2,
    ).toBe("violated");
  });

  it("given more sold than was on sale, then I3 is violated", () => {
    expect(verdicts(given({ stock: [{ sku: "hot", initial: 5, available: 5 }] })).I3).toBe("violated");
  });

  it("given an order still open or final too late, then I1 or I4 is violated", () => {
    const open = order("o2", "PAYMENT_PENDING");
    expect(
      verdicts(
        given({
          orders: new Map([
            ["o1", order("o1", "CONFIRMED")],
            ["o2", open],
          ]),
        }),
      ).I1,
    ).toBe("violated");
    const late = order("o2", "CANCELLED", { history: [{ status: "CANCELLED", at: at(100) }] });
    expect(
      verdicts(
        given({
          orders: new Map([
            ["o1", order("o1", "CONFIRMED")],
            ["o2", late],
          ]),
        }),
      ).I4,
    ).toBe("violated");
  });

  it("given a replay that placed a second order, a read across customers, or a step told twice, then I5, I6, I7 are violated", () => {
    expect(verdicts(given({ replays: [{ first: "o1", second: "o9" }] })).I5).toBe("violated");
    expect(verdicts(given({ isolationProbes: [404, 200] })).I6).toBe("violated");
    const twice = new Map([
      ...given().feeds,
      ["c1", ["order-received", "order-confirmed", "order-confirmed"]],
    ]);
    expect(verdicts(given({ feeds: twice })).I7).toBe("violated");
  });

  it("given nothing replayed or probed, then I5 and I6 are unknown: not tested is not passed", () => {
    expect(verdicts(given({ replays: [], isolationProbes: [] }))).toMatchObject({
      I5: "unknown",
      I6: "unknown",
    });
  });

  it("given a shopper without an answer whose order list could not be read, then I1 is unknown: what they placed is not known", () => {
    expect(verdicts(given({ unlistedCustomers: ["c3"] })).I1).toBe("unknown");
  });

  it("given a probe that got no answer, then I6 is unknown, and a leak elsewhere still makes it violated", () => {
    expect(verdicts(given({ isolationProbes: [404, 0] })).I6).toBe("unknown");
    expect(verdicts(given({ isolationProbes: [0, 200] })).I6).toBe("violated");
  });
});
