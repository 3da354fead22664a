import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { ofKind, render, type Manifest } from "./support/manifests";
import { templateError } from "./support/helm";
import { DEFAULT_VALUES, RENDERS } from "./support/renders";

function shutdownOf(manifests: Manifest[], deployment: IDeployment) {
  const pod = deployment.spec!.template.spec!;
  const config = ofKind<IConfigMap>(manifests, "ConfigMap").find(
    (map) => map.metadata?.name === deployment.metadata?.name,
  );
  const preStop = pod.containers[0]!.lifecycle?.preStop?.exec?.command ?? [];
  return {
    graceSeconds: pod.terminationGracePeriodSeconds!,
    timeoutMs: Number(config?.data?.SHUTDOWN_TIMEOUT_MS),
    preStop,
    preStopSeconds: preStop[0] === "sleep" ? Number(preStop[1]) : NaN,
  };
}

describe.each(RENDERS)("the shutdown of the $name render", ({ manifests }) => {
  it("lets the app finish in-flight work before the kubelet kills it", () => {
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const shutdown = shutdownOf(manifests(), deployment);
      expect(shutdown.preStop, deployment.metadata?.name).toEqual(["sleep", "5"]);
      expect(shutdown.timeoutMs, deployment.metadata?.name).toBeGreaterThan(0);
      // The sleep runs first, then SIGTERM starts the app's own bounded shutdown.
      expect(shutdown.preStopSeconds * 1000 + shutdown.timeoutMs, deployment.metadata?.name).toBeLessThan(
        shutdown.graceSeconds * 1000,
      );
    }
  });
});

describe("a longer grace period", () => {
  it("gives the app a longer SHUTDOWN_TIMEOUT_MS", () => {
    const manifests = render({ values: DEFAULT_VALUES, set: ["order.terminationGracePeriodSeconds=90"] });
    const order = ofKind<IDeployment>(manifests, "Deployment").find(
      (d) => d.metadata?.name === "peakshop-order",
    )!;
    expect(shutdownOf(manifests, order)).toMatchObject({ graceSeconds: 90, timeoutMs: 80_000 });
  });

  it("too short for the preStop sleep is refused", () => {
    const error = templateError({ values: DEFAULT_VALUES, set: ["cart.terminationGracePeriodSeconds=10"] });
    expect(error).toContain("cart.terminationGracePeriodSeconds");
  });
});
