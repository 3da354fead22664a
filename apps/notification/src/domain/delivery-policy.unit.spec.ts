import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterFailedAttempt } from "./delivery-policy";

const settings = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 6_000 };

describe("afterFailedAttempt", () => {
  it("backs off exponentially, capped, then gives up", () => {
    expect(afterFailedAttempt(1, settings, 1)).toEqual({ type: "retry", delayMs: 1_000 });
    expect(afterFailedAttempt(2, settings, 1)).toEqual({ type: "retry", delayMs: 2_000 });
    expect(afterFailedAttempt(3, settings, 0)).toEqual({ type: "retry", delayMs: 2_000 });
    expect(afterFailedAttempt(4, settings, 1)).toEqual({ type: "retry", delayMs: 6_000 });
    expect(afterFailedAttempt(5, settings, 0.5)).toEqual({ type: "give-up" });
  });

  it("never waits longer than the cap nor less than half the step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, jitter) => {
          const outcome = afterFailedAttempt(attempt, { ...settings, maxAttempts: 2_000 }, jitter);
          expect(outcome.type).toBe("retry");
          if (outcome.type === "retry") {
            expect(outcome.delayMs).toBeLessThanOrEqual(settings.maxDelayMs);
            expect(outcome.delayMs).toBeGreaterThanOrEqual(settings.baseDelayMs / 2);
          }
        },
      ),
    );
  });
});
