import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import { describe, expect, it } from "vitest";
import { ofKind, render, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES, productionRender } from "./support/renders";

const imageOf = (manifests: Manifest[], kind: "Deployment" | "Job", name: string) =>
  ofKind<IDeployment | IJob>(manifests, kind).find((workload) => workload.metadata?.name === name)!.spec!
    .template.spec!;

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("images", () => {
  it("default to <repository>:<appVersion>", () => {
    const pod = imageOf(render({ values: DEFAULT_VALUES }), "Deployment", "peakshop-order");
    expect(pod.containers[0]?.image).toBe("peakshop/order:0.1.0");
    expect(pod.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
    expect(pod.imagePullSecrets).toBeUndefined();
  });

  it("take a registry, a tag and a pull policy per app", () => {
    const manifests = render({
      values: DEFAULT_VALUES,
      set: ["cart.image.registry=mirror.example", "cart.image.tag=1.2.3", "cart.image.pullPolicy=Always"],
    });
    const pod = imageOf(manifests, "Deployment", "peakshop-cart");
    expect(pod.containers[0]).toMatchObject({
      image: "mirror.example/peakshop/cart:1.2.3",
      imagePullPolicy: "Always",
    });
  });

  it("are pinned by digest, which wins over the tag, in the Deployment and its hook Jobs alike", () => {
    const manifests = render({
      values: DEFAULT_VALUES,
      set: ["payment.image.tag=1.2.3", `payment.image.digest=${DIGEST}`],
    });
    for (const [kind, name] of [
      ["Deployment", "peakshop-payment"],
      ["Job", "peakshop-payment-migrate"],
      ["Job", "peakshop-payment-topics"],
    ] as const) {
      expect(imageOf(manifests, kind, name).containers[0]?.image).toBe(`peakshop/payment@${DIGEST}`);
    }
  });

  it("come from the global registry with the global pull secrets when set", () => {
    const pod = imageOf(productionRender(), "Deployment", "peakshop-gateway");
    expect(pod.containers[0]?.image).toBe(`registry.example.com/peakshop/gateway@sha256:${"1".repeat(64)}`);
    expect(pod.imagePullSecrets).toEqual([{ name: "registry-credentials" }]);
  });
});
