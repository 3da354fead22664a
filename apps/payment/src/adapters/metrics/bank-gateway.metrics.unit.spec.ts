import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { BankGatewayMetrics, circuitStateValue } from "./bank-gateway.metrics";

describe("bank gateway metrics", () => {
  it("maps the breaker's states to 0 closed, 1 half-open, 2 open", () => {
    expect(circuitStateValue("closed")).toBe(0);
    expect(circuitStateValue("half-open")).toBe(1);
    expect(circuitStateValue("open")).toBe(2);
  });

  it("starts every operation and outcome at 0 and the circuit closed, then follows what happens", async () => {
    const registry = new Registry();
    const metrics = new BankGatewayMetrics(registry);
    const requests = async () =>
      (await registry.getSingleMetric("peakshop_bank_requests_total")!.get()).values;
    expect(await requests()).toHaveLength(15);
    expect((await requests()).every((sample) => sample.value === 0)).toBe(true);

    metrics.requestFinished("charge", "timeout", 2);
    metrics.requestFinished("charge", "rejected");
    metrics.circuitChanged({ state: "open", reason: "bank answered 503" });
    const text = await registry.metrics();
    expect(text).toContain('peakshop_bank_requests_total{operation="charge",outcome="timeout"} 1');
    expect(text).toContain('peakshop_bank_requests_total{operation="charge",outcome="rejected"} 1');
    // The rejected request was never sent, so only the timed-out one has a duration.
    expect(text).toContain('peakshop_bank_request_duration_seconds_count{operation="charge"} 1');
    expect(text).toContain("peakshop_bank_circuit_state 2");
  });
});
