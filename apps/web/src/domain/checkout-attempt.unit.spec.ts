import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckoutAttempts, type AttemptOutcome } from "./checkout-attempt";

const counter = () => {
  let n = 0;
  return () => `key-${++n}`;
};

describe("one Idempotency-Key per checkout attempt", () => {
  it("given an answer never came, a retry sends the same key", () => {
    const attempts = new CheckoutAttempts(counter());
    const first = attempts.keyForNextRequest();
    attempts.settle("unknown");
    expect(attempts.keyForNextRequest()).toBe(first);
  });

  it("given a double click before any answer, both requests carry one key", () => {
    const attempts = new CheckoutAttempts(counter());
    expect(attempts.keyForNextRequest()).toBe(attempts.keyForNextRequest());
  });

  it("given the checkout was accepted, the next checkout is a new attempt", () => {
    const attempts = new CheckoutAttempts(counter());
    const first = attempts.keyForNextRequest();
    attempts.settle("accepted");
    expect(attempts.keyForNextRequest()).not.toBe(first);
  });

  it("changes the key only after a definite answer, whatever the sequence", () => {
    const outcome = fc.constantFrom<AttemptOutcome>("accepted", "refused", "unknown");
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 40 }), (outcomes) => {
        const attempts = new CheckoutAttempts(counter());
        let key = attempts.keyForNextRequest();
        for (const next of outcomes) {
          attempts.settle(next);
          const following = attempts.keyForNextRequest();
          expect(following === key).toBe(next === "unknown");
          key = following;
        }
      }),
    );
  });
});
