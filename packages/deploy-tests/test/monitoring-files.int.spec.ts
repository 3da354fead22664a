// The PrometheusRule and the dashboards come from the chart's files/, which
// another part of the project writes; these tests use copies of the chart with
// files of their own, so they hold whatever files/ holds today.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IConfigMap } from "kubernetes-models/v1";
import { afterAll, describe, expect, it } from "vitest";
import { CHART_DIR, templateError } from "./support/helm";
import { ofKind, render, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES } from "./support/renders";

const MONITORING_ON = [
  "metrics.prometheusRule.enabled=true",
  "metrics.grafanaDashboards.enabled=true",
  "metrics.prometheusRule.labels.release=prom",
];
const scratch = mkdtempSync(path.join(tmpdir(), "peakshop-chart-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the chart whose files/ holds exactly the given files. */
function chartWith(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  cpSync(CHART_DIR, dir, {
    recursive: true,
    filter: (source) => !source.startsWith(path.join(CHART_DIR, "files")),
  });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, "files", file)), { recursive: true });
    writeFileSync(path.join(dir, "files", file), content);
  }
  return dir;
}

const monitoringObjects = (manifests: Manifest[]) =>
  manifests.filter(
    (manifest) => manifest.kind === "PrometheusRule" || manifest.metadata.name.endsWith("-dashboards"),
  );

const ALERTS = `# Prometheus's own {{ $labels.x }} templates must survive Helm untouched.
groups:
  - name: peakshop.test
    rules:
      - alert: PeakshopTest
        expr: up == 0
        annotations:
          summary: "{{ $labels.job }} is down"
`;

describe("monitoring files", () => {
  it("render nothing while the chart has none", () => {
    const chartDir = chartWith("empty", {});
    expect(monitoringObjects(render({ chartDir, values: DEFAULT_VALUES, set: MONITORING_ON }))).toEqual([]);
  });

  it("become a PrometheusRule with the alert groups, verbatim", () => {
    const chartDir = chartWith("alerts", { "alerts.yaml": ALERTS });
    const [rule] = monitoringObjects(
      render({ chartDir, values: DEFAULT_VALUES, set: MONITORING_ON }),
    ) as (Manifest & {
      spec: { groups: { name: string; rules: { annotations: Record<string, string> }[] }[] };
    })[];
    expect(rule?.kind).toBe("PrometheusRule");
    expect(rule?.metadata.labels?.release).toBe("prom");
    expect(rule?.spec.groups[0]?.name).toBe("peakshop.test");
    expect(rule?.spec.groups[0]?.rules[0]?.annotations.summary).toBe("{{ $labels.job }} is down");
  });

  it("accept the bare list of groups too", () => {
    const chartDir = chartWith("bare", { "alerts.yaml": "- name: peakshop.bare\n  rules: []\n" });
    const [rule] = monitoringObjects(
      render({ chartDir, values: DEFAULT_VALUES, set: MONITORING_ON }),
    ) as (Manifest & {
      spec: { groups: { name: string }[] };
    })[];
    expect(rule?.spec.groups.map((group) => group.name)).toEqual(["peakshop.bare"]);
  });

  it("refuse an alerts file without rule groups", () => {
    const chartDir = chartWith("broken", { "alerts.yaml": "rules: []\n" });
    expect(templateError({ chartDir, values: DEFAULT_VALUES, set: MONITORING_ON })).toContain(
      "files/alerts.yaml",
    );
  });

  it("become one ConfigMap of dashboards the Grafana sidecar picks up", () => {
    const chartDir = chartWith("dashboards", {
      "dashboards/a.json": '{"title": "A"}',
      "dashboards/b.json": '{"title": "B"}',
    });
    const [dashboards] = ofKind<IConfigMap>(
      render({ chartDir, values: DEFAULT_VALUES, set: MONITORING_ON }),
      "ConfigMap",
    ).filter((map) => map.metadata?.name?.endsWith("-dashboards"));
    expect(dashboards?.metadata?.labels?.grafana_dashboard).toBe("1");
    expect(Object.keys(dashboards?.data ?? {}).sort()).toEqual(["a.json", "b.json"]);
    expect(JSON.parse(dashboards?.data?.["a.json"] ?? "{}")).toEqual({ title: "A" });
  });
});
