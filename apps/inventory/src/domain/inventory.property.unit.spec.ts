import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InventoryModel, sum } from "../../test/support/inventory.model";
import type { ReservationEvent } from "./reservation.events";
import type { CancellationReason } from "./stock-line";

// The inventory model (test/support/inventory.model.ts: the domain rules plus
// the adapter's bucket strategy) driven by random command sequences across
// orders and SKUs.

const SKUS = ["PHONE", "CASE", "CABLE"];
const UNKNOWN_SKU = "GHOST";

/** Event types the runs produced: guards against a generator that never reaches a state. */
const eventsSeen = new Set<ReservationEvent["type"]>();
const recordEvent = (event: ReservationEvent) => eventsSeen.add(event.type);

const orderIds = fc.integer({ min: 0, max: 7 }).map((n) => `order-${n}`);
const skus = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...SKUS) },
  { weight: 1, arbitrary: fc.constant(UNKNOWN_SKU) },
);
const lines = fc.uniqueArray(fc.record({ sku: skus, quantity: fc.integer({ min: 1, max: 6 }) }), {
  minLength: 1,
  maxLength: 3,
  selector: (line) => line.sku,
});
const initialStock = fc.tuple(...SKUS.map(() => fc.integer({ min: 0, max: 40 })));
const operation = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("setStock" as const),
      sku: fc.constantFrom(...SKUS),
      stock: fc.nat(40),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("reserve" as const),
      orderId: orderIds,
      lines,
      pick: fc.nat(),
      holdMinutes: fc.integer({ min: 0, max: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("release" as const),
      orderId: orderIds,
      reason: fc.constantFrom<CancellationReason>(
        "payment-declined",
        "payment-deadline-passed",
        "cancelled-by-customer",
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("commit" as const),
      orderId: orderIds,
      pick: fc.nat({ max: 7 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), minutes: fc.integer({ min: 1, max: 20 }) }),
  },
);

// 300 random runs take about a second alone, several when the whole suite shares two cores.
const PROPERTY_TIMEOUT_MS = 60_000;

describe("inventory invariants under any sequence of commands", () => {
  it(
    "every item on sale is available, held or sold; sold never exceeds the stock (I3)",
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 8 }),
          initialStock,
          fc.array(operation, { minLength: 10, maxLength: 80 }),
          (bucketCount, stocks, operations) => {
            const model = new InventoryModel(bucketCount, recordEvent);
            SKUS.forEach((sku, index) => model.setStock(sku, stocks[index] ?? 0));
            for (const op of operations) {
              if (op.kind === "setStock") model.setStock(op.sku, op.stock);
              if (op.kind === "reserve") model.reserve(op.orderId, op.lines, op.pick, op.holdMinutes);
              if (op.kind === "release") model.release(op.orderId, op.reason);
              if (op.kind === "commit") model.commit(op.orderId, op.pick);
              if (op.kind === "tick") model.tick(op.minutes);
              for (const sku of [...SKUS, UNKNOWN_SKU]) {
                const units = model.buckets.get(sku) ?? [];
                const stock = model.stock.get(sku) ?? 0;
                const { held, sold } = model.commitments(sku);
                expect(units.every((available) => available >= 0)).toBe(true);
                expect(sum(units) + held + sold).toBe(stock);
                expect(sold).toBeLessThanOrEqual(stock);
              }
            }
          },
        ),
        { numRuns: 300 },
      );
      expect([...eventsSeen].sort()).toEqual([
        "StockCommitRefused",
        "StockCommitted",
        "StockRejected",
        "StockReleased",
        "StockReserved",
      ]);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("a rejected reservation holds nothing and names exactly the short lines", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.nat(12),
        lines,
        fc.nat(),
        (bucketCount, stock, request, pick) => {
          const model = new InventoryModel(bucketCount, recordEvent);
          for (const sku of SKUS) model.setStock(sku, stock);
          const before = JSON.stringify([...model.buckets]);
          model.reserve("order-x", request, pick, 10);
          const state = model.reservations.get("order-x")?.state;
          const short = request.filter((line) => line.quantity > (SKUS.includes(line.sku) ? stock : 0));
          if (short.length === 0) {
            expect(state?.status).toBe("held");
            return;
          }
          expect(state).toEqual({
            status: "rejected",
            unavailable: short.map((line) => ({
              sku: line.sku,
              requested: line.quantity,
              available: SKUS.includes(line.sku) ? stock : 0,
            })),
          });
          expect(JSON.stringify([...model.buckets])).toBe(before);
        },
      ),
    );
  });
});
