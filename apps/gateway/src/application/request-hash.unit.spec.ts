import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../domain/canonical-json";
import { requestHash } from "./request-hash";

const shuffledKeys = (value: unknown): unknown => {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(shuffledKeys);
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, field]) => [key, shuffledKeys(field)]),
  );
};

describe("requestHash", () => {
  it("does not depend on the order of keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(requestHash("POST /v1/checkout", shuffledKeys(value))).toBe(
          requestHash("POST /v1/checkout", value),
        );
      }),
    );
  });

  it("tells different bodies and different routes apart", () => {
    const ok = requestHash("POST /v1/checkout", { paymentToken: "tok_ok" });
    expect(requestHash("POST /v1/checkout", { paymentToken: "tok_declined" })).not.toBe(ok);
    expect(requestHash("POST /v1/other", { paymentToken: "tok_ok" })).not.toBe(ok);
    expect(ok).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads as canonical JSON", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: "x", skip: undefined })).toBe(
      '{"a":"x","b":[1,{"c":2,"d":1}]}',
    );
  });
});
