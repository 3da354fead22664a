import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Sku } from "./identifiers.schema";

// eslint-disable-next-line no-control-regex -- the characters a SKU must not hold
const REFUSED = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

describe("a SKU", () => {
  it("takes the identifiers shops use", () => {
    for (const sku of ["LANTERN-RED-01", "sku_42", "Tee shirt (M)", "茶-001"])
      expect(Sku.parse(sku)).toBe(sku);
  });

  it("refuses what PostgreSQL cannot keep or give back: NUL and other control characters, lone surrogates", () => {
    for (const sku of ["A\u0000B", "tab\there", "\u009c", "\udc74", "", "x".repeat(65)])
      expect(Sku.safeParse(sku).success, JSON.stringify(sku)).toBe(false);
  });

  it("accepts exactly the strings of 1 to 64 characters without control characters or surrogates", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 70, unit: "binary" }), (text) => {
        const clean = text.length >= 1 && text.length <= 64 && !REFUSED.test(text);
        expect(Sku.safeParse(text).success).toBe(clean);
      }),
    );
  }, 30_000);
});
