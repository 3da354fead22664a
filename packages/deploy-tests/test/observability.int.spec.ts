// The chart's alerts and dashboard against the operations guide and the services'
// code: every alert is actionable (severity, text, a runbook section that exists),
// every dashboard panel is wired to the chosen data source, and every peakshop
// metric they query is registered by some service.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ALERTS = join(ROOT, "infra/helm/peakshop/files/alerts.yaml");
const DASHBOARD = join(ROOT, "infra/helm/peakshop/files/dashboards/peakshop-checkout.json");
const GUIDE = join(ROOT, "docs/operations.md");
const GUIDE_URL = "https://github.com/peakshop/peakshop/blob/main/docs/operations.md#";
const DATASOURCE = "${datasource}";

interface Rule {
  alert?: string;
  record?: string;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}
interface Panel {
  id?: unknown;
  type?: string;
  title?: string;
  datasource?: unknown;
  gridPos?: Record<string, unknown>;
  targets?: { expr?: unknown; datasource?: unknown }[];
  panels?: Panel[];
}
interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: unknown; definition?: unknown }[] };
}

const rules = (): Rule[] => {
  const spec = parse(readFileSync(ALERTS, "utf8")) as { groups?: { name: string; rules?: Rule[] }[] };
  return (spec.groups ?? []).flatMap((group) => group.rules ?? []);
};
const alerts = () => rules().filter((rule) => rule.alert);
const dashboard = () => JSON.parse(readFileSync(DASHBOARD, "utf8")) as Dashboard;
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

/** The anchors GitHub gives a Markdown file's headings (code blocks skipped, repeats numbered). */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const slug = heading[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const uidOf = (datasource: unknown) =>
  typeof datasource === "string" ? datasource : (datasource as { uid?: unknown } | undefined)?.uid;

const METRIC = /\b(?:peakshop|gateway|notification)_[a-z0-9_]*[a-z0-9]/g;
const metricsIn = (expr: string) => [...expr.matchAll(METRIC)].map((match) => match[0]);

const existsDir = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

// Every non-test TypeScript file under apps/<app>/src and packages/<package>/src, concatenated.
function typescriptSources(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === "node_modules" || entry === "dist") continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".ts") && !entry.endsWith(".spec.ts")) files.push(path);
    }
  };
  for (const area of ["apps", "packages"]) {
    for (const pkg of readdirSync(join(ROOT, area))) {
      const src = join(ROOT, area, pkg, "src");
      if (existsDir(src)) walk(src);
    }
  }
  return files.map((file) => readFileSync(file, "utf8")).join("\n");
}

/**
 * The names a series may be registered under: counters with their `_total` name,
 * histograms (and summaries) without the `_bucket`/`_sum`/`_count` suffix.
 */
const registeredNames = (series: string) => {
  const base = /^(.+)_(bucket|sum|count)$/.exec(series)?.[1];
  return base ? [series, base] : [series];
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `name: "<metric>"`, or `name: NAME` with `const NAME = "<metric>"`. */
function isRegistered(name: string, sources: string): boolean {
  const literal = `["'\`]${escape(name)}["'\`]`;
  if (new RegExp(`name:\\s*${literal}`).test(sources)) return true;
  const constants = [...sources.matchAll(new RegExp(`const\\s+(\\w+)\\s*=\\s*${literal}`, "g"))];
  return constants.some(([, constant]) => new RegExp(`name:\\s*${constant}\\b`).test(sources));
}

describe("alerts.yaml", () => {
  it("is a PrometheusRule spec with alerts", () => {
    expect(alerts().length).toBeGreaterThan(0);
  });

  it("gives every rule an expression, and every alert a duration, a severity and its texts", () => {
    const problems: string[] = [];
    for (const rule of rules()) {
      const name = rule.alert ?? rule.record ?? "(unnamed)";
      if (typeof rule.expr !== "string" || !rule.expr.trim()) problems.push(`${name}: no expr`);
      if (!rule.alert) continue;
      if (typeof rule.for !== "string" || !/^(\d+(ms|s|m|h|d|w|y))+$/.test(rule.for))
        problems.push(`${name}: no valid for`);
      if (!["warning", "critical"].includes(String(rule.labels?.severity)))
        problems.push(`${name}: severity ${String(rule.labels?.severity)}`);
      for (const annotation of ["summary", "description", "runbook_url"]) {
        const text = rule.annotations?.[annotation];
        if (typeof text !== "string" || !text.trim()) problems.push(`${name}: no ${annotation}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("points every runbook_url at a heading of docs/operations.md", () => {
    const anchors = headingAnchors(readFileSync(GUIDE, "utf8"));
    const broken = alerts()
      .map((rule) => ({ alert: rule.alert, url: String(rule.annotations?.runbook_url) }))
      .filter(({ url }) => !url.startsWith(GUIDE_URL) || !anchors.has(url.slice(GUIDE_URL.length)));
    expect(broken).toEqual([]);
  });
});

describe("the checkout dashboard", () => {
  it("asks for a Prometheus data source and a namespace", () => {
    const board = dashboard();
    expect(board.schemaVersion).toBeGreaterThanOrEqual(39);
    const variables = board.templating.list;
    expect(variables.find((v) => v.name === "datasource")).toMatchObject({
      type: "datasource",
      query: "prometheus",
    });
    expect(variables.find((v) => v.name === "namespace")).toBeDefined();
  });

  it("wires every panel and query to ${datasource}, with unique ids and a position", () => {
    const panels = allPanels(dashboard().panels);
    expect(panels.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const ids = new Set<unknown>();
    for (const panel of panels) {
      const name = `${String(panel.id)} ${panel.title ?? ""}`;
      if (uidOf(panel.datasource) !== DATASOURCE) problems.push(`${name}: datasource`);
      for (const target of panel.targets ?? []) {
        if (target.datasource !== undefined && uidOf(target.datasource) !== DATASOURCE)
          problems.push(`${name}: a target's datasource`);
      }
      if (typeof panel.id !== "number" || ids.has(panel.id)) problems.push(`${name}: id not unique`);
      ids.add(panel.id);
      const position = panel.gridPos ?? {};
      if (!["h", "w", "x", "y"].every((key) => typeof position[key] === "number"))
        problems.push(`${name}: gridPos`);
    }
    expect(problems).toEqual([]);
  });
});

describe("metrics the dashboard and the alerts query", () => {
  it('are registered by some service (name: "<metric>" in apps/<app>/src or packages/<package>/src)', () => {
    const board = dashboard();
    const expressions = [
      ...rules().map((rule) => String(rule.expr)),
      ...allPanels(board.panels).flatMap((panel) => (panel.targets ?? []).map((t) => String(t.expr ?? ""))),
      ...board.templating.list.map((variable) => JSON.stringify(variable.query ?? "")),
    ];
    const used = [...new Set(expressions.flatMap(metricsIn))].sort();
    expect(used.length).toBeGreaterThan(0);
    const sources = typescriptSources();
    const missing = used.filter(
      (series) => !registeredNames(series).some((name) => isRegistered(name, sources)),
    );
    expect(missing).toEqual([]);
  });
});
