// `helm template` skips NOTES.txt and `helm install --dry-run` needs a cluster,
// so this renders the notes offline: a copy of the chart defines them as a
// named template and emits them in a ConfigMap.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHART_DIR, type RenderOptions } from "./helm";
import { render } from "./manifests";

export function renderNotes(options: Omit<RenderOptions, "chartDir">): string {
  const chartDir = mkdtempSync(path.join(tmpdir(), "peakshop-notes-"));
  try {
    cpSync(CHART_DIR, chartDir, { recursive: true });
    const notes = readFileSync(path.join(chartDir, "templates/NOTES.txt"), "utf8");
    rmSync(path.join(chartDir, "templates/NOTES.txt"));
    writeFileSync(
      path.join(chartDir, "templates/_notes-under-test.tpl"),
      `{{- define "notes-under-test" -}}\n${notes}{{- end }}\n`,
    );
    writeFileSync(
      path.join(chartDir, "templates/notes-under-test.yaml"),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes-under-test\ndata:\n  notes: {{ include "notes-under-test" . | quote }}\n',
    );
    const notesMap = render({ ...options, chartDir }).find(
      (manifest) => manifest.metadata.name === "notes-under-test",
    );
    return (notesMap as unknown as { data: { notes: string } }).data.notes;
  } finally {
    rmSync(chartDir, { recursive: true, force: true });
  }
}
