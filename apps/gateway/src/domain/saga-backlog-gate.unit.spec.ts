import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SagaBacklogGate } from "./saga-backlog-gate";

const gate = (targetMs = 2_000) => new SagaBacklogGate({ targetMs, staleAfterMs: 3_000 });

describe("SagaBacklogGate", () => {
  it("given no reading yet, then every checkout is admitted", () => {
    expect(gate().refusedShare(0)).toBe(0);
    expect(gate().refuses(0, 0)).toBe(false);
  });

  it("given a backlog under the target, then every checkout is admitted", () => {
    const subject = gate();
    subject.observe(1_999, 0);
    expect(subject.refusedShare(100)).toBe(0);
  });

  it("given a backlog past the target, then the refused share ramps up to all at twice the target", () => {
    const subject = gate();
    subject.observe(3_000, 0);
    expect(subject.refusedShare(0)).toBeCloseTo(0.5);
    expect(subject.refuses(0, 0.49)).toBe(true);
    expect(subject.refuses(0, 0.51)).toBe(false);
    subject.observe(4_000, 10);
    expect(subject.refusedShare(10)).toBe(1);
    subject.observe(60_000, 20);
    expect(subject.refusedShare(20)).toBe(1);
  });

  it("given the last reading went stale (order not answering), then it fails open", () => {
    const subject = gate();
    subject.observe(60_000, 0);
    expect(subject.refusedShare(3_000)).toBe(1);
    expect(subject.refusedShare(3_001)).toBe(0);
    expect(subject.delayMs(3_001)).toBeUndefined();
  });

  it("given a target of 0, then it never refuses", () => {
    const subject = gate(0);
    subject.observe(60_000, 0);
    expect(subject.refusedShare(0)).toBe(0);
  });

  it("refuses more as the backlog grows, and never outside 0..1", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [lower, higher] = [gate(), gate()];
        lower.observe(low, 0);
        higher.observe(high, 0);
        expect(lower.refusedShare(0)).toBeLessThanOrEqual(higher.refusedShare(0));
        expect(higher.refusedShare(0)).toBeGreaterThanOrEqual(0);
        expect(higher.refusedShare(0)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
