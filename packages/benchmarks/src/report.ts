import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPORT_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../reports/bench");

/** Writes a benchmark's report as Markdown (for people) and JSON (for tools). */
export function writeReport(name: string, markdown: string, figures: unknown): string {
  mkdirSync(REPORT_DIR, { recursive: true });
  const path = join(REPORT_DIR, `${name}.md`);
  writeFileSync(path, markdown);
  writeFileSync(join(REPORT_DIR, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  return path;
}
