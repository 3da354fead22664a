import type { IService } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { APPS } from "./support/apps";
import { ofKind, selects, type Manifest } from "./support/manifests";
import { defaultRender, productionRender } from "./support/renders";

interface ServiceMonitor extends Manifest {
  spec: {
    namespaceSelector: { matchNames: string[] };
    selector: { matchLabels: Record<string, string> };
    endpoints: { port: string; path: string }[];
  };
}

describe("ServiceMonitors", () => {
  it("scrape /metrics on the HTTP port of every app's Service", () => {
    const monitors = ofKind<ServiceMonitor>(productionRender(), "ServiceMonitor");
    const services = ofKind<IService>(productionRender(), "Service");
    expect(monitors.length).toBe(APPS.length);
    for (const monitor of monitors) {
      const service = services.filter((candidate) =>
        selects(monitor.spec.selector.matchLabels, candidate.metadata!.labels!),
      );
      expect(service.length, monitor.metadata.name).toBe(1);
      expect(service[0]?.spec?.ports?.map((port) => port.name)).toContain("http");
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: "http", path: "/metrics" })]);
      expect(monitor.spec.namespaceSelector.matchNames).toEqual(["shop"]);
      expect(monitor.metadata.labels?.release).toBe("kube-prometheus-stack");
    }
  });

  it("are off by default, as are the rules and dashboards", () => {
    const kinds = defaultRender().map((manifest) => manifest.kind);
    expect(kinds).not.toContain("ServiceMonitor");
    expect(kinds).not.toContain("PrometheusRule");
    expect(defaultRender().filter((manifest) => manifest.metadata.name.endsWith("-dashboards"))).toEqual([]);
  });
});
