import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/helm";

describe("the chart's topic catalog (catalog/topics.json) and the diagram in docs/architecture.md", () => {
  it("is what the apps declare in their ServiceTopics (regenerate: node scripts/chart-topics.mjs)", () => {
    const output = execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, "scripts/chart-topics.mjs"), "--check"],
      {
        encoding: "utf8",
      },
    );
    expect(output).toContain("current");
  });
});
