import { describe, expect, it } from "vitest";
import { runOpenLoad } from "./open-load";

describe("the open-model load", () => {
  it("given slow answers, then arrivals keep their rate instead of waiting for them", async () => {
    const startedAt: number[] = [];
    const result = await runOpenLoad({
      ratePerSecond: 200,
      durationMs: 200,
      maxInFlight: 1_000,
      arrive: async () => {
        startedAt.push(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { kind: "accepted", status: 202, latencyMs: 150 };
      },
    });
    expect(result.offered).toBe(40);
    expect(result.outcomes).toHaveLength(40);
    // Answers take 150 ms; a closed loop of one would have started 2 arrivals, not 40.
    expect(startedAt).toHaveLength(40);
  });

  it("given more arrivals waiting than allowed, then the extra ones count as failed without being sent", async () => {
    let sent = 0;
    const result = await runOpenLoad({
      ratePerSecond: 1_000,
      durationMs: 50,
      maxInFlight: 5,
      arrive: async () => {
        sent++;
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { kind: "accepted", status: 202, latencyMs: 500 };
      },
    });
    expect(sent).toBe(5);
    expect(result.dropped).toBe(45);
    expect(result.outcomes.filter((outcome) => outcome.kind === "failed")).toHaveLength(45);
  });

  it("given an arrival that throws, then it counts as failed", async () => {
    const result = await runOpenLoad({
      ratePerSecond: 100,
      durationMs: 30,
      maxInFlight: 10,
      arrive: async () => {
        throw new Error("boom");
      },
    });
    expect(result.outcomes.every((outcome) => outcome.kind === "failed")).toBe(true);
  });
});
