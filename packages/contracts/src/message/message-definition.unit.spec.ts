import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineMessage } from "./message-definition";

const valid = {
  kind: "event",
  type: "peakshop.order.thing-happened",
  version: 1,
  topic: "order.thing.events.v1",
  producer: "order",
  keyField: "thingId",
  description: "A test message.",
  schema: z.strictObject({ thingId: z.string(), count: z.number() }),
} as const;

describe("defineMessage", () => {
  it("returns a frozen definition whose key is the key field's value", () => {
    const definition = defineMessage(valid);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(definition.key({ thingId: "t-1", count: 2 })).toBe("t-1");
  });

  it.each([
    ["a type outside the peakshop namespace", { type: "order.thing-happened" }, /type must look like/],
    ["a topic that breaks the naming rule", { topic: "order-things" }, /topic order-things must look like/],
    ["a type and topic of different contexts", { topic: "cart.thing.events.v1" }, /same context/],
    [
      "an event on a commands topic",
      { topic: "order.thing.commands.v1" },
      /event messages belong on a topic named \*\.events\.v<major>/,
    ],
    ["version 0", { version: 0 }, /version must be an integer >= 1/],
    ["a key field missing from the schema", { keyField: "nope" }, /key field nope/],
    ["a non-strict object", { schema: z.object({ thingId: z.string() }) }, /strict object/],
  ])("rejects %s", (_name, change, message) => {
    // The casts bypass the compile-time checks on purpose: the runtime checks are under test.
    const spec = { ...valid, ...change } as unknown as typeof valid;
    expect(() => defineMessage(spec)).toThrow(message);
  });
});
