import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { notFoundVerdict } from "./in-doubt";

const abandonedAt = "2026-11-11T00:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(abandonedAt) + ms);

describe("a charge in doubt that the bank's lookup does not find", () => {
  it("given the bank may still be processing it, then it is asked about again once the window ends", () => {
    expect(notFoundVerdict(abandonedAt, at(1_000), 60_000)).toEqual({
      settled: false,
      askAgainAt: at(60_000),
    });
  });

  it("given the bank's longest processing time has passed since it was abandoned, then it was never made", () => {
    expect(notFoundVerdict(abandonedAt, at(60_000), 60_000)).toEqual({ settled: true });
    expect(notFoundVerdict(abandonedAt, at(3_600_000), 60_000)).toEqual({ settled: true });
  });

  it("is never settled before the window ends, and always asked again no later than its end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 1_200_000 }),
        (window, elapsed) => {
          const verdict = notFoundVerdict(abandonedAt, at(elapsed), window);
          if (elapsed < window) {
            expect(verdict.settled).toBe(false);
            if (!verdict.settled) expect(verdict.askAgainAt.getTime()).toBe(at(window).getTime());
          } else {
            expect(verdict.settled).toBe(true);
          }
        },
      ),
    );
  });
});
