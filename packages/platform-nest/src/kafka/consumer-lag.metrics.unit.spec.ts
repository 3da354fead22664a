import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import {
  ConsumerLagMetrics,
  lagAfterBatch,
  lagBeforeBatch,
  type BatchProgress,
} from "./consumer-lag.metrics";

// A partition whose end is offset 99 (high watermark 100), batch of offsets 40..49.
const batch: BatchProgress = { topic: "t", partition: 2, offsetLag: "50", offsetLagLow: "59", batchSize: 10 };

describe("consumer lag", () => {
  it("counts what is left after the batch, and the batch itself before it is handled", () => {
    expect(lagAfterBatch(batch)).toBe(50);
    expect(lagBeforeBatch(batch)).toBe(60);
  });

  it("is 0 when the batch reaches the end of the partition, never negative", () => {
    const last = { ...batch, offsetLag: "0", offsetLagLow: "9" };
    expect(lagAfterBatch(last)).toBe(0);
    expect(lagAfterBatch({ ...batch, offsetLag: "-1" })).toBe(0);
    expect(lagBeforeBatch({ ...batch, batchSize: 0, offsetLag: "0", offsetLagLow: "0" })).toBe(0);
  });

  it("reports per partition and drops partitions a rebalance moved away", async () => {
    const registry = new Registry();
    const lag = new ConsumerLagMetrics(registry, "order");
    lag.batchStarted(batch);
    lag.batchEnded({ ...batch, partition: 0, offsetLag: "0" });
    const series = async () =>
      (await registry.getSingleMetric("peakshop_consumer_lag")!.get()).values.map(
        ({ labels, value }) => `${labels.group} ${labels.topic}/${labels.partition}=${value}`,
      );
    expect(await series()).toEqual(["order t/2=60", "order t/0=0"]);
    lag.assigned({ t: [0] });
    expect(await series()).toEqual(["order t/0=0"]);
  });
});
