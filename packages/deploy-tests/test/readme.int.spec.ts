import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CHART_DIR } from "./support/helm";

const APP_KEYS = ["gateway", "cart", "order", "inventory", "payment", "notification", "bankSimulator"];
const CONSUMER_KEYS = ["order", "inventory", "payment", "notification"];

/** Every key path of values.yaml, down to the leaves. */
function keyPaths(node: unknown, prefix: string[] = []): string[][] {
  if (node === null || typeof node !== "object" || Array.isArray(node) || Object.keys(node).length === 0) {
    return [prefix];
  }
  return Object.entries(node).flatMap(([key, child]) => keyPaths(child, [...prefix, key]));
}

/** The names a path may be documented under: itself, `<app>.…`, `<consumer>.…`, and its ancestors. */
function documentedNames(keys: string[]): string[] {
  const [head, ...rest] = keys;
  const heads = [head!];
  if (APP_KEYS.includes(head!)) heads.push("<app>");
  if (CONSUMER_KEYS.includes(head!)) heads.push("<consumer>");
  return heads.flatMap((first) =>
    rest.map((_, index) => [first, ...rest.slice(0, index + 1)].join(".")).concat(first),
  );
}

describe("the chart's README", () => {
  const readme = readFileSync(path.join(CHART_DIR, "README.md"), "utf8");
  const documented = new Set([...readme.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1]!));

  it("documents every value of values.yaml in its values table", () => {
    const values = parse(readFileSync(path.join(CHART_DIR, "values.yaml"), "utf8")) as unknown;
    const undocumented = keyPaths(values)
      .filter((keys) => !documentedNames(keys).some((name) => documented.has(name)))
      .map((keys) => keys.join("."));
    expect(undocumented).toEqual([]);
  });

  it("documents no value that values.yaml lacks", () => {
    const values = parse(readFileSync(path.join(CHART_DIR, "values.yaml"), "utf8")) as Record<
      string,
      unknown
    >;
    const known = new Set(keyPaths(values).flatMap(documentedNames));
    const stale = [...documented]
      .filter((name) => name.includes(".") || name in values)
      .filter((name) => !known.has(name));
    expect(stale).toEqual([]);
  });
});
