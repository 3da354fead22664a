import { describe, expect, it } from "vitest";
import { LastKnown } from "./last-known";

const clock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe("the last known value of a source", () => {
  it("given a fresh value, answers it without reading the source again", async () => {
    const time = clock();
    let reads = 0;
    const status = new LastKnown(async () => ++reads, 1_000, time.now);
    await status.get();
    time.advance(400);
    expect(await status.get()).toEqual({ value: 1, ageMs: 400 });
    expect(reads).toBe(1);
  });

  it("given many readers at once of a stale value, reads the source once for all", async () => {
    const time = clock();
    let reads = 0;
    const status = new LastKnown(async () => ++reads, 1_000, time.now);
    const answers = await Promise.all(Array.from({ length: 50 }, () => status.get()));
    expect(new Set(answers.map((answer) => answer.value))).toEqual(new Set([1]));
    expect(reads).toBe(1);
  });

  it("given the source fails, answers the last value with its age", async () => {
    const time = clock();
    let up = true;
    const status = new LastKnown(
      async () => {
        if (!up) throw new Error("notification is down");
        return "operational";
      },
      1_000,
      time.now,
    );
    await status.get();
    up = false;
    time.advance(90_000);
    expect(await status.get()).toEqual({ value: "operational", ageMs: 90_000 });
  });

  it("given the source fails before any value, lets the failure through", async () => {
    const status = new LastKnown(() => Promise.reject(new Error("down")), 1_000);
    await expect(status.get()).rejects.toThrow("down");
  });

  it("given the source is back, reads it again once the value went stale", async () => {
    const time = clock();
    let reads = 0;
    const status = new LastKnown(async () => ++reads, 1_000, time.now);
    await status.get();
    time.advance(1_000);
    expect(await status.get()).toEqual({ value: 2, ageMs: 0 });
  });
});
