import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fixtureOf, readFixtureFiles } from "../../test/fixture-files";
import { messageRegistry } from "./checkout-flow.registry";

// House rules every contract must keep, checked on each message's fixture so a new message is
// covered as soon as it is registered.
const fixtures = readFixtureFiles();
const cases = messageRegistry.definitions.map((d) => {
  const data = fixtureOf(d, fixtures) as Record<string, unknown>;
  return [`${d.type} v${d.version}`, d, data] as const;
});

describe.each(cases)("%s", (_name, definition, data) => {
  it("is frozen", () => {
    expect(Object.isFrozen(definition)).toBe(true);
  });

  it("rejects unknown fields (strict object)", () => {
    expect(definition.schema.safeParse({ ...data, unexpected: true }).success).toBe(false);
  });

  it("is keyed by its key field", () => {
    expect(definition.key(definition.schema.parse(data))).toBe(data[definition.keyField]);
  });

  it("keeps money in integer minor units with an upper-case ISO 4217 currency", () => {
    for (const field of Object.keys(data).filter((f) => f.endsWith("Cents"))) {
      expect(definition.schema.safeParse({ ...data, [field]: 10.5 }).success, field).toBe(false);
    }
    if ("currency" in data) {
      expect(definition.schema.safeParse({ ...data, currency: "eur" }).success).toBe(false);
    }
  });

  it("takes times as RFC 3339 UTC only", () => {
    const { properties } = z.toJSONSchema(definition.schema) as {
      properties: Record<string, { format?: string }>;
    };
    const timeFields = Object.keys(properties).filter((f) => properties[f]?.format === "date-time");
    for (const field of timeFields.filter((f) => f in data)) {
      expect(definition.schema.safeParse({ ...data, [field]: "2026-11-11 00:00:00" }).success, field).toBe(
        false,
      );
      expect(
        definition.schema.safeParse({ ...data, [field]: "2026-11-11T08:00:00+08:00" }).success,
        field,
      ).toBe(false);
    }
  });

  it("takes order and payment ids as UUIDs only", () => {
    for (const field of ["orderId", "paymentId"].filter((f) => f in data)) {
      expect(definition.schema.safeParse({ ...data, [field]: "order-1" }).success, field).toBe(false);
    }
  });

  it("has a topic named <context>.<aggregate>.<kind>s.v<major> for its kind", () => {
    expect(definition.topic).toMatch(new RegExp(`^[a-z-]+\\.[a-z-]+\\.${definition.kind}s\\.v\\d+$`));
  });
});
