import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDeliveries, type Delivery } from "./delivery-check";

const d = (key: string, sequence: number): Delivery => ({ key, sequence });

describe("checkDeliveries", () => {
  it("reports a perfect delivery as such", () => {
    const sent = [d("a", 1), d("a", 2), d("b", 1)];
    expect(checkDeliveries(sent, [d("b", 1), d("a", 1), d("a", 2)])).toEqual({
      expected: 3,
      received: 3,
      lost: 0,
      duplicated: 0,
      reordered: 0,
    });
  });

  it("counts lost, duplicated and reordered messages", () => {
    const sent = [d("a", 1), d("a", 2), d("a", 3), d("b", 1)];
    const report = checkDeliveries(sent, [d("a", 2), d("a", 1), d("a", 2), d("b", 1)]);
    expect(report).toMatchObject({ lost: 1, duplicated: 1, reordered: 1 });
  });

  it("never calls a redelivery of an earlier message a reorder", () => {
    const report = checkDeliveries([d("a", 1), d("a", 2)], [d("a", 1), d("a", 2), d("a", 1)]);
    expect(report).toMatchObject({ duplicated: 1, reordered: 0 });
  });

  it("property: any per-key-ordered interleaving with redeliveries has no loss and no reorder", () => {
    const perKey = fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 20 }), {
      maxKeys: 6,
    });
    fc.assert(
      fc.property(
        perKey,
        fc.array(fc.nat(), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (counts, picks, replays) => {
          const sent = Object.entries(counts).flatMap(([key, n]) =>
            Array.from({ length: n }, (_, i) => d(key, i + 1)),
          );
          // Interleave keys in an arbitrary way, keeping each key's own order.
          const queues = Object.entries(counts).map(([key, n]) =>
            Array.from({ length: n }, (_, i) => d(key, i + 1)),
          );
          const arrived: Delivery[] = [];
          let pick = 0;
          while (queues.some((q) => q.length > 0)) {
            const open = queues.filter((q) => q.length > 0);
            const queue = open[(picks[pick++ % Math.max(picks.length, 1)] ?? 0) % open.length]!;
            arrived.push(queue.shift()!);
          }
          for (const r of replays) if (arrived.length) arrived.push(arrived[r % arrived.length]!);
          const report = checkDeliveries(sent, arrived);
          return (
            report.lost === 0 &&
            report.reordered === 0 &&
            report.duplicated === replays.length * (arrived.length ? 1 : 0)
          );
        },
      ),
    );
  });
});
