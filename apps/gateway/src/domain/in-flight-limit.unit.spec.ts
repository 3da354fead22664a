import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InFlightLimit, type Release } from "./in-flight-limit";

describe("InFlightLimit", () => {
  it("admits up to max, refuses the next, and admits again once a slot is given back", () => {
    const limit = new InFlightLimit(2);
    const first = limit.tryAcquire();
    const second = limit.tryAcquire();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(limit.tryAcquire()).toBeUndefined();
    expect(limit.current).toBe(2);
    first?.();
    expect(limit.current).toBe(1);
    expect(limit.tryAcquire()).toBeDefined();
  });

  it("counts a slot given back twice only once", () => {
    const limit = new InFlightLimit(1);
    const release = limit.tryAcquire();
    const other = (release?.(), limit.tryAcquire());
    release?.();
    expect(limit.current).toBe(1);
    expect(limit.tryAcquire()).toBeUndefined();
    other?.();
    expect(limit.current).toBe(0);
  });

  it("refuses a max that admits nothing", () => {
    expect(() => new InFlightLimit(0)).toThrow(RangeError);
    expect(() => new InFlightLimit(1.5)).toThrow(RangeError);
  });

  it("never holds more than max nor fewer than 0, whatever the order of requests and releases", () => {
    const step = fc.oneof(
      fc.constant({ kind: "acquire" as const }),
      fc.nat({ max: 20 }).map((index) => ({ kind: "release" as const, index })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(step, { maxLength: 60 }), (max, steps) => {
        const limit = new InFlightLimit(max);
        const held: Release[] = [];
        let admitted = 0;
        let released = 0;
        for (const current of steps) {
          if (current.kind === "acquire") {
            const release = limit.tryAcquire();
            // Refused exactly when full.
            expect(release === undefined).toBe(admitted - released === max);
            if (release) {
              held.push(release);
              admitted += 1;
            }
          } else if (held.length > 0) {
            const [release] = held.splice(current.index % held.length, 1);
            release?.();
            release?.();
            released += 1;
          }
          expect(limit.current).toBe(admitted - released);
          expect(limit.current).toBeGreaterThanOrEqual(0);
          expect(limit.current).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});
