import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckoutQueueDelay, sagaBacklog } from "./saga-backlog";

describe("CheckoutQueueDelay", () => {
  it("given no checkout yet, then nothing is behind", () => {
    expect(new CheckoutQueueDelay(1_000).delayMs(0)).toBe(0);
  });

  it("given checkouts that waited, when asked within the window, then the longest wait counts", () => {
    const delay = new CheckoutQueueDelay(1_000);
    delay.record(40, 0);
    delay.record(900, 100);
    delay.record(60, 200);
    expect(delay.delayMs(300)).toBe(900);
  });

  it("given a burst that drained, when a whole window passes with short waits, then the burst no longer counts", () => {
    const delay = new CheckoutQueueDelay(1_000);
    delay.record(5_000, 0);
    delay.record(10, 1_200);
    // Still seen one window later (the previous window), so a poll between two windows cannot miss it.
    expect(delay.delayMs(1_500)).toBe(5_000);
    delay.record(10, 2_300);
    expect(delay.delayMs(2_400)).toBe(10);
  });

  it("given silence for two windows, then nothing is behind", () => {
    const delay = new CheckoutQueueDelay(1_000);
    delay.record(5_000, 0);
    expect(delay.delayMs(2_500)).toBe(0);
  });

  it("never reports more than the longest wait recorded, nor less than 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -100, max: 60_000 }), fc.integer({ min: 0, max: 500 })), {
          maxLength: 50,
        }),
        (checkouts) => {
          const delay = new CheckoutQueueDelay(1_000);
          let now = 0;
          let longest = 0;
          for (const [waited, gap] of checkouts) {
            now += gap;
            delay.record(waited, now);
            longest = Math.max(longest, waited);
          }
          const reported = delay.delayMs(now);
          expect(reported).toBeGreaterThanOrEqual(0);
          expect(reported).toBeLessThanOrEqual(longest);
        },
      ),
    );
  });
});

describe("sagaBacklog", () => {
  it("is as far behind as its slower part", () => {
    expect(sagaBacklog(120.4, 3_000.6)).toEqual({
      delayMs: 3_001,
      checkoutQueueMs: 120,
      oldestWaitingForStockMs: 3_001,
    });
    expect(sagaBacklog(800, 0).delayMs).toBe(800);
  });
});
