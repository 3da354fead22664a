import { describe, expect, it } from "vitest";
import type { ArrivalOutcome } from "./open-load";
import { kneeOf, phaseResult, slope, type BacklogPoint } from "./load-steps";

const accepted = (latencyMs: number): ArrivalOutcome => ({ kind: "accepted", status: 202, latencyMs });

/** A step of `rate`/s for 10 s whose backlog grows by `growth`/s and whose accepts take `latencyMs`. */
function step(rate: number, latencyMs: number, growth = 0, refusedShare = 0) {
  const outcomes = Array.from({ length: rate * 10 }, (_, i) =>
    i < rate * 10 * refusedShare
      ? ({ kind: "refused", status: 503, latencyMs: 1 } as const)
      : accepted(latencyMs),
  );
  const backlog: BacklogPoint[] = Array.from({ length: 10 }, (_, t) => ({
    t: t + 1,
    accepted: rate * (t + 1),
    finished: rate * (t + 1) - growth * (t + 1),
  }));
  return phaseResult(rate, 10, outcomes, backlog);
}

describe("the step load's knee", () => {
  it("given a backlog growing 3 per second, then its slope is 3", () => {
    expect(
      slope([
        [1, 3],
        [2, 6],
        [3, 9],
      ]),
    ).toBeCloseTo(3);
    expect(step(50, 10, 3).backlogSlopePerSecond).toBeCloseTo(3);
  });

  it("given steps whose latency and backlog stay flat, then the knee is the highest", () => {
    expect(kneeOf([step(50, 10), step(100, 12), step(200, 20)])?.ratePerSecond).toBe(200);
  });

  it("given a step whose backlog grows past 5% of its rate, then the knee is the step before it", () => {
    expect(kneeOf([step(50, 10), step(100, 12, 1), step(200, 20, 30)])?.ratePerSecond).toBe(100);
  });

  it("given a step whose accept p99 jumps, or that refuses much of its load, then it is past the knee", () => {
    expect(kneeOf([step(50, 10), step(100, 200)])?.ratePerSecond).toBe(50);
    expect(kneeOf([step(50, 10), step(100, 10, 0, 0.2)])?.ratePerSecond).toBe(50);
  });

  it("given no steps, then there is no knee", () => {
    expect(kneeOf([])).toBeUndefined();
  });
});
