import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OUTBOX_SLOTS, slotOf } from "./outbox-writer";

describe("slotOf", () => {
  it("property: a key always maps to the same slot, within range", () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const slot = slotOf(key);
        return slot === slotOf(key) && Number.isInteger(slot) && slot >= 0 && slot < OUTBOX_SLOTS;
      }),
    );
  });

  it("spreads order ids over every slot", () => {
    const used = new Set(Array.from({ length: 2_000 }, (_, i) => slotOf(`order-${i}`)));
    expect(used.size).toBe(OUTBOX_SLOTS);
  });
});
