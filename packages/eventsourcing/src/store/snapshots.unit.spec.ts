import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossesSnapshotPoint } from "./snapshots";

describe("crossesSnapshotPoint", () => {
  it("fires when an append passes a multiple of the interval", () => {
    expect(crossesSnapshotPoint(9, 10, 10)).toBe(true);
    expect(crossesSnapshotPoint(8, 12, 10)).toBe(true);
    expect(crossesSnapshotPoint(10, 19, 10)).toBe(false);
  });

  it("property: over any run of appends it fires once per multiple passed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 100 }),
        (every, batches) => {
          let version = 0;
          let fired = 0;
          for (const size of batches) {
            if (crossesSnapshotPoint(version, version + size, every)) fired += 1;
            version += size;
          }
          // Each firing passes at least one multiple, and a batch spanning several fires once.
          return (
            fired <= Math.floor(version / every) && (Math.floor(version / every) === 0) === (fired === 0)
          );
        },
      ),
    );
  });
});
