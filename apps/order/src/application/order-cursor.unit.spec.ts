import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeOrderCursor, encodeOrderCursor } from "./order-cursor";

describe("order cursor", () => {
  it("given a cursor we issued, then it reads back as the same position", () => {
    const cursor = { placedAt: "2026-11-11T00:00:01.250Z", orderId: "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90" };
    expect(decodeOrderCursor(encodeOrderCursor(cursor))).toEqual(cursor);
  });

  it("given something else, then it is no cursor (the API answers 400), never an exception", () => {
    for (const text of [
      "0",
      "",
      "abc",
      Buffer.from("[1]").toString("base64url"),
      Buffer.from('["x","y"]').toString("base64url"),
    ]) {
      expect(decodeOrderCursor(text), text).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => decodeOrderCursor(text)).not.toThrow();
      }),
    );
  });
});
