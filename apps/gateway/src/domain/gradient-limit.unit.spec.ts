import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GradientLimit } from "./gradient-limit";

/**
 * Drives the limit with `concurrency` requests at once for `windows` windows
 * of 500 ms, each request taking `latencyMs`; returns the limit after.
 */
function drive(
  limit: GradientLimit,
  windows: number,
  concurrency: number,
  latencyMs: number,
  clock = { now: 0 },
) {
  for (let window = 0; window < windows; window++) {
    for (let round = 0; round < 20; round++) {
      const releases = Array.from({ length: concurrency }, () => limit.tryAcquire(clock.now)).filter(
        (release) => release !== undefined,
      );
      clock.now += 25;
      for (const release of releases) release(clock.now + latencyMs - 25);
    }
  }
  return limit.limit;
}

describe("GradientLimit", () => {
  it("given steady latency, when the limit is used, then it grows by a small allowance", () => {
    const limit = new GradientLimit({ initial: 20, min: 4, max: 500 });
    const clock = { now: 0 };
    drive(limit, 5, 20, 20, clock);
    const grown = drive(limit, 20, 200, 20, clock);
    expect(grown).toBeGreaterThan(20);
    expect(grown).toBeLessThanOrEqual(500);
  });

  it("given answers three times slower than usual, when the limit is full, then it shrinks", () => {
    const limit = new GradientLimit({ initial: 50, min: 4, max: 500 });
    const clock = { now: 0 };
    drive(limit, 30, 60, 20, clock);
    const before = limit.limit;
    const after = drive(limit, 10, 60, 60, clock);
    expect(after).toBeLessThan(before);
    expect(limit.state.shortRttMs).toBeGreaterThan(limit.state.longRttMs);
  });

  it("given a limit far above what is used, then it does not grow (light load proves no capacity)", () => {
    const limit = new GradientLimit({ initial: 100, min: 4, max: 500 });
    expect(drive(limit, 30, 5, 10)).toBe(100);
  });

  it("given answers slowing down while few requests are in flight, then it shrinks, never below twice what is in use", () => {
    const limit = new GradientLimit({ initial: 64, min: 4, max: 500 });
    const clock = { now: 0 };
    drive(limit, 20, 10, 20, clock);
    expect(limit.limit).toBe(64);
    expect(drive(limit, 5, 10, 100, clock)).toBeLessThan(64);
    // Ten in flight: it settles near twice that, above what is in use, so the slow spell refuses nothing.
    const settled = drive(limit, 40, 10, 100, clock);
    expect(settled).toBeGreaterThan(10);
    expect(settled).toBeLessThanOrEqual(24);
  });

  it("given a saturated system whose concurrency climbs as answers slow down, then the limit ends below it and refuses", () => {
    const limit = new GradientLimit({ initial: 64, min: 4, max: 500 });
    const clock = { now: 0 };
    drive(limit, 20, 10, 20, clock);
    let refused = 0;
    for (let window = 0; window < 40; window++) {
      // Twice the usual latency and 40 wanting in at once.
      for (let round = 0; round < 20; round++) {
        const releases = Array.from({ length: 40 }, () => limit.tryAcquire(clock.now));
        refused += releases.filter((release) => release === undefined).length;
        clock.now += 25;
        for (const release of releases) release?.(clock.now + 75);
      }
    }
    expect(limit.limit).toBeLessThan(40);
    expect(refused).toBeGreaterThan(0);
  });

  it("refuses at the limit, admits again when a slot is given back, and counts a double release once", () => {
    const limit = new GradientLimit({ initial: 2, min: 1, max: 10 });
    const first = limit.tryAcquire(0);
    expect(limit.tryAcquire(0)).toBeDefined();
    expect(limit.tryAcquire(0)).toBeUndefined();
    first?.(5);
    first?.(5);
    expect(limit.current).toBe(1);
    expect(limit.tryAcquire(5)).toBeDefined();
    expect(limit.tryAcquire(5)).toBeUndefined();
  });

  it("given a request released without its answer, then its time teaches nothing", () => {
    const limit = new GradientLimit({ initial: 10, min: 1, max: 10, windowMs: 0, minSamples: 1 });
    limit.tryAcquire(0)?.(10_000, false);
    expect(Number.isNaN(limit.state.longRttMs)).toBe(true);
  });

  it("stays within [min, max] whatever latencies it sees", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            concurrency: fc.integer({ min: 1, max: 80 }),
            latency: fc.integer({ min: 0, max: 5_000 }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (phases) => {
          const limit = new GradientLimit({ initial: 16, min: 3, max: 64 });
          const clock = { now: 0 };
          for (const phase of phases) {
            const value = drive(limit, 1, phase.concurrency, phase.latency, clock);
            if (value < 3 || value > 64) return false;
          }
          return limit.current === 0;
        },
      ),
      { numRuns: 100 },
    );
  });

  it("refuses settings where min exceeds max", () => {
    expect(() => new GradientLimit({ initial: 5, min: 10, max: 5 })).toThrow(RangeError);
  });
});
