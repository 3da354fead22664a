import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  admit,
  failsWithError,
  happens,
  NO_FAULTS,
  overloadFailureProbability,
  type FaultSettings,
  type RandomSource,
} from "./faults";

const faults = (overrides: Partial<FaultSettings>): FaultSettings => ({ ...NO_FAULTS, ...overrides });
const never: RandomSource = () => {
  throw new Error("drew a random number for a certain outcome");
};
/** Hands out the given draws in order. */
const draws =
  (...values: number[]): RandomSource =>
  () => {
    const next = values.shift();
    if (next === undefined) throw new Error("drew more than expected");
    return next;
  };

describe("faults", () => {
  it("without faults admits everything and draws nothing", () => {
    expect(admit(NO_FAULTS, 1_000, never)).toEqual({ kind: "admitted" });
    expect(failsWithError(NO_FAULTS, never)).toBe(false);
  });

  it("in an outage refuses everything", () => {
    expect(admit(faults({ outage: true }), 1, never)).toEqual({ kind: "outage" });
  });

  it("rates of 0 and 1 are certain; others compare one draw", () => {
    expect(happens(0, never)).toBe(false);
    expect(happens(1, never)).toBe(true);
    expect(happens(0.3, draws(0.29))).toBe(true);
    expect(happens(0.3, draws(0.3))).toBe(false);
  });

  it("fails overloaded requests with a probability rising with the overload", () => {
    expect(overloadFailureProbability(null, 1_000)).toBe(0);
    expect(overloadFailureProbability(4, 4)).toBe(0);
    expect(overloadFailureProbability(4, 8)).toBe(0.5);
    expect(overloadFailureProbability(1, 4)).toBe(0.75);
  });

  it("an overload failure is a fast 503 or a long stall, as overloadStallShare says", () => {
    const overloaded = faults({ capacity: 2, overloadStallMs: 250 });
    expect(admit(overloaded, 2, never)).toEqual({ kind: "admitted" });
    expect(admit(overloaded, 4, draws(0.49, 0.1))).toEqual({
      kind: "overloaded",
      response: "stall",
      stallMs: 250,
    });
    expect(admit(overloaded, 4, draws(0.49, 0.5))).toEqual({ kind: "overloaded", response: "unavailable" });
    expect(admit(overloaded, 4, draws(0.5))).toEqual({ kind: "admitted" });
    expect(admit({ ...overloaded, overloadStallShare: 0 }, 4, draws(0))).toEqual({
      kind: "overloaded",
      response: "unavailable",
    });
  });

  it("property: within capacity nothing is refused, and more load never refuses less", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (capacity, inFlight, more) => {
          if (inFlight <= capacity) {
            expect(admit(faults({ capacity }), inFlight, never)).toEqual({ kind: "admitted" });
          }
          const p = overloadFailureProbability(capacity, inFlight);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThan(1);
          expect(overloadFailureProbability(capacity, inFlight + more)).toBeGreaterThanOrEqual(p);
        },
      ),
    );
  });
});
