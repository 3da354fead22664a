import { describe, expect, it } from "vitest";
import { SkeletonEventRecordedV1 } from "./skeleton-event-recorded.v1";

describe("SkeletonEventRecorded v1", () => {
  const valid = {
    eventId: "0b6f2a0e-5a4b-4c1e-9f57-3f1d2c9e8a10",
    message: "hello",
    recordedAt: "2026-11-25T06:00:00.000Z",
  };

  it("parses a well-formed event", () => {
    expect(SkeletonEventRecordedV1.schema.parse(valid)).toEqual(valid);
  });

  it("rejects unknown fields, so a producer's typo cannot pass silently", () => {
    expect(() => SkeletonEventRecordedV1.schema.parse({ ...valid, extra: 1 })).toThrow();
  });

  it("rejects an event id that is not a UUID", () => {
    expect(() => SkeletonEventRecordedV1.schema.parse({ ...valid, eventId: "42" })).toThrow();
  });
});
