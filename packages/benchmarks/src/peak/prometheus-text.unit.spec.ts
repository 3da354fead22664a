import { describe, expect, it } from "vitest";
import { parsePrometheusText, sumOf } from "./prometheus-text";

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
});
