import { describe, expect, it } from "vitest";
import { bucketsBetween, bucketsOf, parsePrometheusText, quantileUpperBound, sumOf } from "./prometheus-text";

describe("Prometheus text", () => {
  const text = [
    "# HELP peakshop_consumer_lag messages behind",
    "# TYPE peakshop_consumer_lag gauge",
    'peakshop_consumer_lag{group="order",topic="a",partition="0",service="order"} 3',
    'peakshop_consumer_lag{group="order",topic="b",partition="1",service="order"} 4',
    'peakshop_outbox_pending{service="order"} NaN',
    "process_cpu_seconds_total 12.5",
    'odd_label{detail="a \\"quoted\\" value"} 1',
  ].join("\n");

  it("given an exposition, when parsed, then each sample keeps its name, labels and value", () => {
    const samples = parsePrometheusText(text);
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({
      name: "peakshop_consumer_lag",
      labels: { group: "order", topic: "a", partition: "0", service: "order" },
      value: 3,
    });
    expect(samples.at(-1)?.labels["detail"]).toBe('a \\"quoted\\" value');
  });

  it("given samples, when summed by name and labels, then NaN counts as nothing", () => {
    const samples = parsePrometheusText(text);
    expect(sumOf(samples, "peakshop_consumer_lag")).toBe(7);
    expect(sumOf(samples, "peakshop_consumer_lag", { topic: "b" })).toBe(4);
    expect(sumOf(samples, "peakshop_outbox_pending")).toBe(0);
    expect(sumOf(samples, "process_cpu_seconds_total")).toBe(12.5);
  });

  it("given two readings of a histogram, when the observations between them are ranked, then p99 is the bound of the bucket it falls in", () => {
    const histogram = (counts: [string, number][]) =>
      parsePrometheusText(
        counts
          .flatMap(([le, count]) => [
            `refusal_seconds_bucket{reason="a",le="${le}"} ${count}`,
            `refusal_seconds_bucket{reason="b",le="${le}"} 1`,
          ])
          .join("\n"),
      );
    const before = bucketsOf(
      histogram([
        ["0.005", 10],
        ["0.01", 10],
        ["+Inf", 10],
      ]),
      "refusal_seconds",
    );
    expect(before.get(Number.POSITIVE_INFINITY)).toBe(11);
    // Between the readings: 99 refusals under 5 ms, 1 between 5 and 10 ms.
    const after = bucketsOf(
      histogram([
        ["0.005", 109],
        ["0.01", 110],
        ["+Inf", 110],
      ]),
      "refusal_seconds",
    );
    const between = bucketsBetween(before, after);
    expect(quantileUpperBound(between, 0.99)).toBe(0.005);
    expect(quantileUpperBound(between, 1)).toBe(0.01);
    // One slow refusal past every finite bucket out of 100.
    const slow = bucketsBetween(
      before,
      bucketsOf(
        histogram([
          ["0.005", 108],
          ["0.01", 108],
          ["+Inf", 110],
        ]),
        "refusal_seconds",
      ),
    );
    expect(quantileUpperBound(slow, 0.99)).toBe(Number.POSITIVE_INFINITY);
    expect(quantileUpperBound(bucketsBetween(before, before), 0.99)).toBeNaN();
  });
});
