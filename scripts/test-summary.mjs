// Sums the JSON reports every package's test tasks wrote and prints one line,
// "N passed, N failed", which CI reads, after naming each failed test with the
// first line of its error: CI keeps only the end of the log. Exits non-zero
// when any test failed.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
let suitesFailed = 0;
const failures = [];
const firstLine = (text) =>
  String(text ?? "")
    .split("\n")
    .find((line) => line.trim()) ?? "";
for (const group of ["apps", "packages"]) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const name of readdirSync(groupDir)) {
    const reports = join(groupDir, name, "reports");
    if (!existsSync(reports)) continue;
    for (const file of readdirSync(reports).filter((f) => f.endsWith(".json"))) {
      const report = JSON.parse(readFileSync(join(reports, file), "utf8"));
      passed += report.numPassedTests ?? 0;
      failed += report.numFailedTests ?? 0;
      skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
      for (const suite of report.testResults ?? []) {
        const where = suite.name?.replace(root, "") ?? name;
        if (suite.status === "failed" && !suite.assertionResults?.some((t) => t.status === "failed")) {
          suitesFailed += 1;
          failures.push(`${where}: ${firstLine(suite.message)}`);
        }
        for (const test of suite.assertionResults ?? []) {
          if (test.status === "failed") {
            failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
          }
        }
      }
    }
  }
}
// A suite that failed to load has no failed test of its own; count it so it shows.
failed += suitesFailed;
for (const failure of failures) console.log(`FAILED ${failure.slice(0, 400)}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
