import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STUCK_AFTER_MS, stuckReason } from "./stuck-order";

const now = new Date("2026-11-11T00:10:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("an open order as the operator console judges it", () => {
  it("given a deadline that passed over a minute ago, then it is stuck past its deadline", () => {
    const order = { status: "PAYMENT_PENDING", deadline: ago(61_000).toISOString(), updatedAt: ago(1_000) };
    expect(stuckReason(order, now)).toBe("past-deadline");
  });

  it("given payment has been pending for minutes within its deadline, then it is not stuck (the bank is being retried)", () => {
    const order = {
      status: "PAYMENT_PENDING",
      deadline: ago(-60_000).toISOString(),
      updatedAt: ago(600_000),
    };
    expect(stuckReason(order, now)).toBeNull();
  });

  it("given stock was reserved a minute ago and nothing happened since, then it is stalled", () => {
    const order = { status: "STOCK_RESERVED", deadline: ago(-60_000).toISOString(), updatedAt: ago(61_000) };
    expect(stuckReason(order, now)).toBe("stalled");
  });

  it("never calls an order stuck that moved or had its deadline pass within the last minute", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("PLACED", "STOCK_RESERVED", "PAYMENT_PENDING"),
        fc.integer({ min: -STUCK_AFTER_MS * 10, max: STUCK_AFTER_MS }),
        fc.integer({ min: 0, max: STUCK_AFTER_MS }),
        (status, deadlineAgo, updatedAgo) => {
          const order = { status, deadline: ago(deadlineAgo).toISOString(), updatedAt: ago(updatedAgo) };
          expect(stuckReason(order, now)).toBeNull();
        },
      ),
    );
  });
});
