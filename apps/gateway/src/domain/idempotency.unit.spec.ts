import { describe, expect, it } from "vitest";
import { decideReplay, isReplayable, type IdempotencyRecord } from "./idempotency";

const at = (ms: number) => new Date(Date.UTC(2025, 10, 11) + ms);
const record = (fields: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  requestHash: "h1",
  response: null,
  createdAt: at(0),
  ...fields,
});

describe("decideReplay", () => {
  it("replays the first answer for the same request", () => {
    const response = { status: 202, body: { orderId: "o1" } };
    expect(decideReplay(record({ response }), "h1", at(1), 10_000)).toEqual({ kind: "replay", response });
  });

  it("refuses the same key with another request, answered or not", () => {
    expect(decideReplay(record(), "h2", at(1), 10_000)).toEqual({ kind: "mismatch" });
    const answered = record({ response: { status: 202, body: {} } });
    expect(decideReplay(answered, "h2", at(1), 10_000)).toEqual({ kind: "mismatch" });
  });

  it("tells a duplicate of a request in progress to come back", () => {
    expect(decideReplay(record(), "h1", at(10_000), 10_000)).toEqual({ kind: "in-progress" });
  });

  it("takes over a key whose first attempt was abandoned", () => {
    expect(decideReplay(record(), "h1", at(10_001), 10_000)).toEqual({ kind: "take-over" });
  });
});

describe("isReplayable", () => {
  it.each([
    [202, true],
    [400, true],
    [422, true],
    [404, true],
    [409, false],
    [429, false],
    [500, false],
    [503, false],
  ])("%i -> %s", (status, expected) => {
    expect(isReplayable(status)).toBe(expected);
  });
});
