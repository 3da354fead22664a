import { describe, expect, it } from "vitest";
import { isExemptFromInFlightLimit } from "./admission.hook";

describe("isExemptFromInFlightLimit", () => {
  it("exempts health, metrics and the status page, with or without a query", () => {
    for (const url of ["/health/live", "/health/ready", "/metrics", "/v1/status", "/v1/status?x=1"]) {
      expect(isExemptFromInFlightLimit("GET", url), url).toBe(true);
    }
  });

  it("counts everything else, and writes to exempt paths", () => {
    expect(isExemptFromInFlightLimit("GET", "/v1/products")).toBe(false);
    expect(isExemptFromInFlightLimit("GET", "/v1/status/extra")).toBe(false);
    expect(isExemptFromInFlightLimit("GET", "/health")).toBe(false);
    expect(isExemptFromInFlightLimit("POST", "/v1/status")).toBe(false);
  });
});
