import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BANK_REQUEST_OUTCOMES } from "./bank-request-outcome";
import { BankHealthWindow } from "./bank-health-window";

const start = new Date("2026-11-11T00:00:00.000Z");
const after = (ms: number) => new Date(start.getTime() + ms);

describe("the bank's health as an operator sees it", () => {
  it("given nothing was sent, then the circuit is closed since start and the error rate is 0", () => {
    const window = new BankHealthWindow(60, start);
    expect(window.view(after(1_000))).toEqual({
      circuit: { state: "closed", since: start.toISOString() },
      recent: { windowSeconds: 60, sent: 0, failed: 0, errorRate: 0, rejected: 0 },
    });
  });

  it("given timeouts, errors, declines and rejections, then only timeouts and errors count as failed, and rejections are not sent", () => {
    const window = new BankHealthWindow(60, start);
    for (const outcome of ["success", "declined", "error", "timeout", "rejected", "rejected"] as const)
      window.requestFinished(outcome, after(500));
    expect(window.view(after(1_000)).recent).toEqual({
      windowSeconds: 60,
      sent: 4,
      failed: 2,
      errorRate: 0.5,
      rejected: 2,
    });
  });

  it("given the circuit opened, then it says so, since when and why", () => {
    const window = new BankHealthWindow(60, start);
    window.circuitChanged("open", after(2_000), "bank timeout after 2000 ms");
    expect(window.view(after(3_000)).circuit).toEqual({
      state: "open",
      since: after(2_000).toISOString(),
      reason: "bank timeout after 2000 ms",
    });
  });

  it("given failures older than the window, then they no longer count", () => {
    const window = new BankHealthWindow(10, start);
    window.requestFinished("error", after(0));
    window.requestFinished("success", after(9_000));
    expect(window.view(after(9_500)).recent.sent).toBe(2);
    expect(window.view(after(10_500)).recent).toMatchObject({ sent: 1, failed: 0, errorRate: 0 });
  });

  it("counts every outcome of the window exactly once, and the rate stays within 0..1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...BANK_REQUEST_OUTCOMES), fc.integer({ min: 0, max: 120_000 })), {
          maxLength: 200,
        }),
        (requests) => {
          const sorted = [...requests].sort((a, b) => a[1] - b[1]);
          const window = new BankHealthWindow(30, start);
          for (const [outcome, ms] of sorted) window.requestFinished(outcome, after(ms));
          const now = (sorted.at(-1)?.[1] ?? 0) + 1;
          const oldestSecond = Math.floor(now / 1000) - 29;
          const inWindow = sorted.filter(([, ms]) => Math.floor(ms / 1000) >= oldestSecond);
          const { recent } = window.view(after(now));
          expect(recent.sent + recent.rejected).toBe(inWindow.length);
          expect(recent.rejected).toBe(inWindow.filter(([outcome]) => outcome === "rejected").length);
          expect(recent.errorRate).toBeGreaterThanOrEqual(0);
          expect(recent.errorRate).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
