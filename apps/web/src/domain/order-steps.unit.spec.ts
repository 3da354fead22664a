import { describe, expect, it } from "vitest";
import { orderSteps, type OrderFacts } from "./order-steps";

const order = (overrides: Partial<OrderFacts>): OrderFacts => ({
  status: "PLACED",
  payment: { status: "not-requested", attempts: 0 },
  history: [{ status: "PLACED", at: "2026-11-11T00:00:00Z" }],
  ...overrides,
});
const states = (facts: OrderFacts) => orderSteps(facts).map((step) => `${step.key}:${step.state}`);

describe("the order stepper", () => {
  it("given a new order, shows it received and the stock step current", () => {
    expect(states(order({}))).toEqual([
      "received:done",
      "stock:current",
      "payment:waiting",
      "outcome:waiting",
    ]);
  });

  it("given the bank is slow, says the payment is delayed in plain words with the last answer", () => {
    const steps = orderSteps(
      order({
        status: "PAYMENT_PENDING",
        payment: { status: "delayed", attempts: 3, lastError: "bank timed out" },
      }),
    );
    const payment = steps.find((step) => step.key === "payment")!;
    expect(payment).toMatchObject({ label: "Payment delayed", state: "current" });
    expect(payment.detail).toContain("you will not be charged twice");
    expect(payment.detail).toContain("bank timed out");
  });

  it("given a confirmed order, shows every step done", () => {
    const facts = order({ status: "CONFIRMED", payment: { status: "captured", attempts: 1 } });
    expect(states(facts)).toEqual(["received:done", "stock:done", "payment:done", "outcome:done"]);
  });

  it("given a cancelled order, shows the reason from its history", () => {
    const facts = order({
      status: "CANCELLED",
      payment: { status: "abandoned", attempts: 5 },
      history: [
        { status: "PLACED", at: "2026-11-11T00:00:00Z" },
        { status: "CANCELLED", at: "2026-11-11T00:15:00Z", reason: "payment deadline passed" },
      ],
    });
    expect(orderSteps(facts).at(-1)).toMatchObject({ state: "failed", detail: "payment deadline passed" });
    expect(orderSteps(facts)[2]).toMatchObject({ label: "No payment taken", state: "failed" });
  });

  it("given sold-out stock, marks the stock step failed and the order not placed", () => {
    expect(states(order({ status: "REJECTED" }))).toEqual([
      "received:done",
      "stock:failed",
      "payment:waiting",
      "outcome:failed",
    ]);
  });
});
