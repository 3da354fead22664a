import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  overloadDetail,
  overloadRetryAfterSeconds,
  rateLimitDetail,
  rateLimitRetryAfterSeconds,
  sagaBacklogDetail,
} from "./retry-after";

describe("rateLimitRetryAfterSeconds", () => {
  it("rounds up to whole seconds, and never says 0", () => {
    expect(rateLimitRetryAfterSeconds(42)).toBe(42);
    expect(rateLimitRetryAfterSeconds(0.2)).toBe(1);
    expect(rateLimitRetryAfterSeconds(0)).toBe(1);
    expect(rateLimitRetryAfterSeconds(-3)).toBe(1);
    expect(rateLimitRetryAfterSeconds(Number.NaN)).toBe(1);
  });
});

describe("overloadRetryAfterSeconds", () => {
  it("spreads clients between the base and twice the base", () => {
    expect(overloadRetryAfterSeconds(2, 0)).toBe(2);
    expect(overloadRetryAfterSeconds(2, 0.5)).toBe(3);
    expect(overloadRetryAfterSeconds(2, 0.99)).toBe(4);
  });

  it("is a whole number of seconds within [base, 2 x base] for any base and random draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_600 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (base, random) => {
          const seconds = overloadRetryAfterSeconds(base, random);
          expect(Number.isInteger(seconds)).toBe(true);
          expect(seconds).toBeGreaterThanOrEqual(base);
          expect(seconds).toBeLessThanOrEqual(2 * base);
        },
      ),
    );
  });
});

describe("details", () => {
  it("tell a human how long to wait, and that the cart is safe", () => {
    expect(overloadDetail(3)).toBe(
      "peakshop is very busy right now; please retry in 3 seconds. Your cart is saved.",
    );
    expect(rateLimitDetail(1, false)).toBe(
      "You're sending requests faster than we can take them; please wait 1 second.",
    );
    expect(rateLimitDetail(30, true)).toContain("please wait 30 seconds. Your cart is saved.");
    expect(sagaBacklogDetail(2)).toBe(
      "We're taking more orders than we can finish right now; please retry your checkout in 2 seconds. Your cart is saved.",
    );
  });
});
