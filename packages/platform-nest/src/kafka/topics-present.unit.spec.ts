import { describe, expect, it } from "vitest";
import { topicsPresent } from "./topics-present";

/** A broker's topic list as it changes over successive calls (the last answer repeats). */
function listing(...answers: string[][]) {
  let calls = 0;
  const listTopics = async () => answers[Math.min(calls++, answers.length - 1)]!;
  return { listTopics, calls: () => calls };
}

describe("topics present", () => {
  it("given a broker that lists a new topic only on its third answer, when waiting, then it is present", async () => {
    const broker = listing(["a"], ["a"], ["a", "b"]);
    await expect(topicsPresent(broker.listTopics, ["a", "b"], { pauseMs: 1 })).resolves.toBe(true);
    expect(broker.calls()).toBe(3);
  });

  it("given every topic listed already, when waiting, then the first answer is enough", async () => {
    const broker = listing(["a", "b", "c"]);
    await expect(topicsPresent(broker.listTopics, ["a", "b"], { pauseMs: 1 })).resolves.toBe(true);
    expect(broker.calls()).toBe(1);
  });

  it("given a topic that never appears, when the time is up, then it says so", async () => {
    const broker = listing(["a"]);
    await expect(topicsPresent(broker.listTopics, ["a", "b"], { timeoutMs: 20, pauseMs: 5 })).resolves.toBe(
      false,
    );
    expect(broker.calls()).toBeGreaterThan(1);
  });
});
