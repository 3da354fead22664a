import { describe, expect, it } from "vitest";
import { templateError } from "./support/helm";
import { DEFAULT_VALUES } from "./support/renders";

describe("the chart", () => {
  it("refuses to render without what every install must set, naming all of it", () => {
    const error = templateError({});
    for (const value of [
      "kafka.brokers",
      "payment.bankUrl",
      "gateway.auth.jwksUrl",
      "gateway.auth.issuer",
      "gateway.auth.audience",
    ]) {
      expect(error).toContain(value);
    }
  });

  it.each([
    [
      "development tokens without their Secret",
      ["gateway.auth.mode=dev"],
      "gateway.auth.devSecret.existingSecret",
    ],
    [
      "webhooks without a signing key",
      ["notification.webhooks.urls[0]=https://merchant.example"],
      "notification.webhooks.existingSecret",
    ],
    [
      "an HPA and KEDA for one app",
      ["order.autoscaling.keda.enabled=true", "order.autoscaling.hpa.enabled=true"],
      "order.autoscaling: enable hpa or keda, not both",
    ],
    ["both an Ingress and an HTTPRoute", ["ingress.enabled=true", "httpRoute.enabled=true"], "choose one"],
    ["an HTTPRoute attached to nothing", ["httpRoute.enabled=true"], "httpRoute.parentRefs"],
    [
      "Strimzi topics without a cluster",
      ["kafka.topics.job.enabled=false", "kafka.topics.strimzi.enabled=true"],
      "kafka.topics.strimzi.clusterName",
    ],
    [
      "fewer maximum than minimum pods",
      ["gateway.autoscaling.hpa.maxReplicas=1"],
      "gateway.autoscaling.hpa.maxReplicas",
    ],
  ])("refuses %s", (_what, set, message) => {
    expect(templateError({ values: DEFAULT_VALUES, set })).toContain(message);
  });

  it("needs no bank URL when the bank simulator stands in", () => {
    const error = templateError({ set: ["bankSimulator.enabled=true"] });
    expect(error).not.toContain("payment.bankUrl");
  });
});
