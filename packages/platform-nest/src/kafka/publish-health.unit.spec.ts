import { describe, expect, it } from "vitest";
import { breaksProducerState, PublishHealth } from "./publish-health";

const brokerSaid = (type: string) => Object.assign(new Error(type), { type });
const timeout = new Error("Request Produce(key: 0, version: 7) timed out");

describe("publish health", () => {
  it("given a broker that lost the producer's sequence, when a publish fails, then the producer is replaced at once", () => {
    const health = new PublishHealth();
    expect(health.failed(brokerSaid("OUT_OF_ORDER_SEQUENCE_NUMBER"))).toBe(true);
  });

  it("given transient failures, when they keep coming, then the producer is replaced every third one", () => {
    const health = new PublishHealth({ replaceAfterFailures: 3 });
    expect([1, 2, 3, 4, 5, 6].map(() => health.failed(timeout))).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it("given failures, when a publish succeeds, then the count starts again", () => {
    const health = new PublishHealth({ replaceAfterFailures: 3 });
    health.failed(timeout);
    health.failed(timeout);
    health.succeeded();
    expect(health.failed(timeout)).toBe(false);
  });

  it("reports how long publishing has been failing, and 0 once it works", () => {
    let now = 1_000;
    const health = new PublishHealth({ now: () => now });
    expect(health.failingForMs()).toBe(0);
    health.failed(timeout);
    now += 4_000;
    health.failed(timeout);
    now += 1_000;
    expect(health.failingForMs()).toBe(5_000);
    health.succeeded();
    expect(health.failingForMs()).toBe(0);
  });

  it("given a publish that has not come back, counts it as failing for as long as it is out", () => {
    let now = 1_000;
    const health = new PublishHealth({ now: () => now });
    const cameBack = health.started();
    now += 500;
    const quickOneCameBack = health.started();
    now += 100;
    quickOneCameBack();
    health.succeeded();
    now += 30_400;
    expect(health.failingForMs()).toBe(31_000);
    cameBack();
    expect(health.failingForMs()).toBe(0);
  });

  it("given a failing run and a publish still out from before it, reports the older of the two", () => {
    let now = 0;
    const health = new PublishHealth({ now: () => now });
    health.started();
    now = 10_000;
    health.failed(timeout);
    now = 15_000;
    expect(health.failingForMs()).toBe(15_000);
  });

  it("finds a producer-state error wrapped by kafkajs's retries", () => {
    const retried = Object.assign(new Error("retries exceeded"), {
      originalError: Object.assign(new Error("retry"), { cause: brokerSaid("UNKNOWN_PRODUCER_ID") }),
    });
    expect(breaksProducerState(retried)).toBe(true);
    expect(breaksProducerState(timeout)).toBe(false);
    expect(breaksProducerState(brokerSaid("NOT_LEADER_FOR_PARTITION"))).toBe(false);
  });
});
