import { describe, expect, it } from "vitest";
import { isOverload, retryAfterSeconds } from "./retry-after";

const now = new Date("2026-11-11T00:00:00Z");

describe("waiting out an overload answer", () => {
  it("treats 429 and 503 as overload, other answers not", () => {
    expect([429, 503, 500, 422].map(isOverload)).toEqual([true, true, false, false]);
  });

  it("reads delta-seconds", () => expect(retryAfterSeconds("7", now)).toBe(7));

  it("reads an HTTP date", () => expect(retryAfterSeconds("Wed, 11 Nov 2026 00:00:05 GMT", now)).toBe(5));

  it("waits a short default when the header is missing or unreadable", () => {
    expect(retryAfterSeconds(null, now)).toBe(2);
    expect(retryAfterSeconds("soon", now)).toBe(2);
  });

  it("bounds the wait between 1 s and a minute", () => {
    expect(retryAfterSeconds("0", now)).toBe(1);
    expect(retryAfterSeconds("3600", now)).toBe(60);
  });
});
