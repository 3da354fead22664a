import { describe, expect, it } from "vitest";
import { helm, templateArgs } from "./support/helm";
import { DEFAULT_VALUES } from "./support/renders";

const renderFor = (kubeVersion: string) =>
  helm([...templateArgs({ values: DEFAULT_VALUES }), "--kube-version", kubeVersion]);

describe("the chart's Kubernetes versions", () => {
  it("include 1.27, and managed clusters' pre-release version strings", () => {
    expect(renderFor("1.27.0").status).toBe(0);
    expect(renderFor("v1.30.4-eks-a737599").status).toBe(0);
  });

  it("exclude 1.26, which lacks APIs the chart relies on", () => {
    const result = renderFor("1.26.9");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("kubeVersion");
  });
});
