import { describe, expect, it } from "vitest";
import { violationOf } from "../../test/violation-of";
import { z } from "zod";
import { defineMessage } from "./message-definition";
import { createMessageRegistry } from "./message-registry";
import { defineUpcaster } from "./upcaster";

// A made-up type with three versions, so chaining is tested apart from the real catalog.
const base = {
  kind: "event",
  type: "peakshop.order.thing-happened",
  topic: "order.thing.events.v1",
  producer: "order",
  keyField: "thingId",
  description: "A test message.",
} as const;
const V1 = defineMessage({
  ...base,
  version: 1,
  schema: z.strictObject({ thingId: z.string(), size: z.number() }),
});
const V2 = defineMessage({
  ...base,
  version: 2,
  schema: z.strictObject({ thingId: z.string(), sizeCm: z.number().int() }),
});
const V3 = defineMessage({
  ...base,
  version: 3,
  schema: z.strictObject({ thingId: z.string(), sizeCm: z.number().int(), colour: z.string() }),
});
const v1ToV2 = defineUpcaster(V1, V2, ({ thingId, size }) => ({ thingId, sizeCm: Math.round(size * 100) }));
const v2ToV3 = defineUpcaster(V2, V3, (v2) => ({ ...v2, colour: "unknown" }));

describe("message registry", () => {
  const registry = createMessageRegistry([V3, V1, V2], [v2ToV3, v1ToV2]);

  it("finds every version and knows the latest", () => {
    expect(registry.find(base.type, 1)).toBe(V1);
    expect(registry.find(base.type, 4)).toBeUndefined();
    expect(registry.latest(base.type)).toBe(V3);
  });

  it("chains upcasters from v1 to the latest", () => {
    const result = registry.upcast(base.type, 1, { thingId: "t", size: 1.5 });
    expect(result).toEqual({ definition: V3, data: { thingId: "t", sizeCm: 150, colour: "unknown" } });
  });

  it("names the type, version and field of invalid data", () => {
    const violation = violationOf(() => registry.upcast(base.type, 2, { thingId: "t", sizeCm: "big" }));
    expect(violation).toMatchObject({ reason: "invalid-data", messageType: base.type, messageVersion: 2 });
    expect(violation.field).toBe("sizeCm");
    expect(violation.message).toMatch(/^Contract violation in peakshop\.order\.thing-happened v2: .*sizeCm/);
  });

  it("tells an unknown type and an unknown version apart, hinting at deploy order", () => {
    expect(violationOf(() => registry.upcast("peakshop.order.nope", 1, {})).reason).toBe("unknown-type");
    const newer = violationOf(() => registry.upcast(base.type, 4, {}));
    expect(newer.reason).toBe("unknown-version");
    expect(newer.message).toMatch(/knows up to v3/);
  });

  it("reports an upcaster whose output breaks the next schema", () => {
    const broken = defineUpcaster(V1, V2, ({ thingId, size }) => ({ thingId, sizeCm: size }));
    const withBroken = createMessageRegistry([V1, V2], [broken]);
    const violation = violationOf(() => withBroken.upcast(base.type, 1, { thingId: "t", size: 1.5 }));
    expect(violation).toMatchObject({ reason: "upcast-failed", messageVersion: 2, field: "sizeCm" });
  });

  it("reports an upcaster that throws as a contract violation of the old version", () => {
    const throwing = defineUpcaster(V1, V2, () => {
      throw new Error("boom");
    });
    const withThrowing = createMessageRegistry([V1, V2], [throwing]);
    const violation = violationOf(() => withThrowing.upcast(base.type, 1, { thingId: "t", size: 1 }));
    expect(violation).toMatchObject({ reason: "upcast-failed", messageVersion: 1 });
    expect(violation.message).toMatch(/upcaster from v1 threw: boom/);
  });

  it.each([
    ["a gap in the versions", () => createMessageRegistry([V1, V3], [v1ToV2])],
    ["a version twice", () => createMessageRegistry([V1, V1], [])],
    ["a missing upcaster", () => createMessageRegistry([V1, V2, V3], [v1ToV2])],
    ["an upcaster for unregistered versions", () => createMessageRegistry([V1], [v1ToV2])],
    ["two upcasters for one step", () => createMessageRegistry([V1, V2], [v1ToV2, v1ToV2])],
    [
      "versions on different topics",
      () => createMessageRegistry([V1, { ...V2, topic: "order.other.events.v1" }], [v1ToV2]),
    ],
  ])("refuses %s", (_name, build) => {
    expect(build).toThrow();
  });

  it("refuses an upcaster that skips a version", () => {
    // Only the runtime check catches this: versions are plain numbers to the compiler.
    expect(() => defineUpcaster(V1, V3, (v1) => ({ ...v1, sizeCm: 1, colour: "x" }))).toThrow(
      /one version up/,
    );
  });
});
