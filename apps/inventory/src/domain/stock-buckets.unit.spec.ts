import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planGather, spreadStock, totalAvailable, type BucketStock } from "./stock-buckets";
import { restock, StockBelowCommitments } from "./stock-level";

describe("spreadStock", () => {
  it("spreads evenly, the first buckets taking the remainder", () => {
    expect(spreadStock(50, 8)).toEqual([7, 7, 6, 6, 6, 6, 6, 6]);
    expect(spreadStock(3, 8)).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(spreadStock(0, 2)).toEqual([0, 0]);
    expect(spreadStock(5, 1)).toEqual([5]);
  });

  it("keeps every unit and differs by at most one between buckets", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 64 }), (units, count) => {
        const buckets = spreadStock(units, count);
        expect(buckets).toHaveLength(count);
        expect(buckets.reduce((a, b) => a + b, 0)).toBe(units);
        expect(Math.max(...buckets) - Math.min(...buckets)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

const bucketsOf = (...available: number[]): BucketStock[] =>
  available.map((units, bucket) => ({ bucket, available: units }));

describe("planGather", () => {
  it("takes from one bucket when the fullest covers the quantity", () => {
    expect(planGather(bucketsOf(1, 5, 3), 4)).toEqual([{ bucket: 1, quantity: 4 }]);
  });

  it("gathers from the fullest buckets when none covers it alone", () => {
    expect(planGather(bucketsOf(2, 5, 3, 0), 9)).toEqual([
      { bucket: 1, quantity: 5 },
      { bucket: 2, quantity: 3 },
      { bucket: 0, quantity: 1 },
    ]);
  });

  it("answers undefined when all buckets together are short", () => {
    expect(planGather(bucketsOf(2, 1), 4)).toBeUndefined();
    expect(planGather([], 1)).toBeUndefined();
  });

  it("takes exactly the quantity, never more than a bucket holds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { maxLength: 16 }),
        fc.integer({ min: 1, max: 400 }),
        (units, quantity) => {
          const buckets = bucketsOf(...units);
          const plan = planGather(buckets, quantity);
          if (totalAvailable(buckets) < quantity) {
            expect(plan).toBeUndefined();
            return;
          }
          expect(plan?.reduce((sum, take) => sum + take.quantity, 0)).toBe(quantity);
          for (const take of plan ?? []) {
            expect(take.quantity).toBeGreaterThan(0);
            expect(take.quantity).toBeLessThanOrEqual(units[take.bucket] ?? 0);
          }
          expect(new Set(plan?.map((take) => take.bucket)).size).toBe(plan?.length);
        },
      ),
    );
  });
});

describe("restock", () => {
  it("puts what is neither held nor sold back into the buckets", () => {
    expect(restock("PHONE", 20, { held: 3, sold: 7 }, 4)).toEqual([3, 3, 2, 2]);
  });

  it("refuses a stock below what is held and sold", () => {
    expect(() => restock("PHONE", 9, { held: 3, sold: 7 }, 4)).toThrow(StockBelowCommitments);
    expect(restock("PHONE", 10, { held: 3, sold: 7 }, 4)).toEqual([0, 0, 0, 0]);
  });
});
