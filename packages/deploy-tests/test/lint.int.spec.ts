import { describe, expect, it } from "vitest";
import { CHART_DIR, helm } from "./support/helm";

describe("helm lint", () => {
  it.each([
    ["the default values", []],
    ["the minimal values", ["--values", `${CHART_DIR}/ci/minimal-values.yaml`]],
    ["the staging values", ["--values", `${CHART_DIR}/ci/staging-values.yaml`]],
    ["the production values", ["--values", `${CHART_DIR}/values-production.yaml`]],
  ])("passes --strict with %s", (_name, args) => {
    const result = helm(["lint", "--strict", CHART_DIR, ...args]);
    expect(result.stdout + result.stderr).toContain("0 chart(s) failed");
    expect(result.status).toBe(0);
  });
});
