import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1";
import { describe, expect, it } from "vitest";
import { ofKind, render, selects } from "./support/manifests";
import { DEFAULT_VALUES, RENDERS } from "./support/renders";

describe.each(RENDERS)("the PodDisruptionBudgets of the $name render", ({ manifests }) => {
  it("cover every app's pods, each with exactly one budget", () => {
    const budgets = ofKind<IPodDisruptionBudget>(manifests(), "PodDisruptionBudget");
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const labels = deployment.spec!.template.metadata!.labels!;
      const covering = budgets.filter((budget) => selects(budget.spec?.selector?.matchLabels, labels));
      expect(covering.length, deployment.metadata?.name).toBe(1);
      const spec = covering[0]!.spec!;
      expect(spec.minAvailable ?? spec.maxUnavailable, deployment.metadata?.name).toBeDefined();
    }
  });
});

describe("a PodDisruptionBudget", () => {
  it("keeps one pod by default, or allows maxUnavailable when that is set", () => {
    const manifests = render({ values: DEFAULT_VALUES, set: ["order.pdb.maxUnavailable=25%"] });
    const budget = (name: string) =>
      ofKind<IPodDisruptionBudget>(manifests, "PodDisruptionBudget").find((b) => b.metadata?.name === name)!
        .spec;
    expect(budget("peakshop-cart")).toMatchObject({ minAvailable: 1 });
    expect(budget("peakshop-order")).toMatchObject({ maxUnavailable: "25%" });
    expect(budget("peakshop-order")?.minAvailable).toBeUndefined();
  });
});
