import type { IConfigMap } from "kubernetes-models/v1";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { APPS, objectName } from "./support/apps";
import { templateError } from "./support/helm";
import { ofKind, render } from "./support/manifests";
import { DEFAULT_VALUES, defaultRender } from "./support/renders";

const TRACED = [
  "tracing.enabled=true",
  "tracing.otlpEndpoint=http://otel-collector.monitoring:4318",
  "tracing.samplingRatio=0.25",
  "tracing.resourceAttributes.deployment\\.environment\\.name=staging",
];

const configs = (manifests = defaultRender()) =>
  APPS.map((app) => ({
    app: app.name,
    data: ofKind<IConfigMap>(manifests, "ConfigMap").find((map) => map.metadata?.name === objectName(app))!
      .data!,
  }));

describe("tracing in the chart", () => {
  it("is off by default: no app is given an OTEL_ variable", () => {
    for (const { app, data } of configs())
      expect(
        Object.keys(data).filter((name) => name.startsWith("OTEL_")),
        app,
      ).toEqual([]);
  });

  it("sends every app's spans to the OTLP endpoint, sampled whole traces at the given ratio", () => {
    for (const { app, data } of configs(render({ values: DEFAULT_VALUES, set: TRACED })))
      expect(data, app).toMatchObject({
        OTEL_TRACES_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector.monitoring:4318",
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
        OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG: "0.25",
        OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=staging",
      });
  });

  it("lets every app reach the OTLP ports, and only when tracing is on", () => {
    const appPolicies = new Set(APPS.map(objectName));
    const egressPorts = (manifests: ReturnType<typeof render>) =>
      ofKind<INetworkPolicy>(manifests, "NetworkPolicy")
        .filter((policy) => appPolicies.has(policy.metadata?.name ?? ""))
        .map((policy) =>
          (policy.spec?.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port)),
        );
    expect(egressPorts(defaultRender())).toHaveLength(APPS.length);
    for (const ports of egressPorts(render({ values: DEFAULT_VALUES, set: TRACED })))
      expect(ports).toEqual(expect.arrayContaining([4317, 4318]));
    for (const ports of egressPorts(defaultRender())) expect(ports).not.toContain(4318);
  });

  it("refuses tracing without an endpoint, or with a protocol no SDK speaks", () => {
    expect(templateError({ values: DEFAULT_VALUES, set: ["tracing.enabled=true"] })).toContain(
      "otlpEndpoint",
    );
    expect(templateError({ values: DEFAULT_VALUES, set: [...TRACED, "tracing.protocol=thrift"] })).toContain(
      "protocol",
    );
  });
});
