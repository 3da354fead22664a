// Runs the helm binary that scripts/setup.sh installs (scripts/lib/helm.sh).
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const CHART_DIR = path.join(REPO_ROOT, "infra/helm/peakshop");
export const RELEASE = "peakshop";
export const NAMESPACE = "shop";

// One helm call renders in well under a second; this only stops a hung binary.
const HELM_TIMEOUT_MS = 30_000;

function findHelm(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "helm");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    "helm is not on PATH: run `bash scripts/setup.sh`, which installs it (scripts/lib/helm.sh)",
  );
}

let helmPath: string | undefined;

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function helm(args: readonly string[]): HelmResult {
  helmPath ??= findHelm();
  const result = spawnSync(helmPath, args, {
    encoding: "utf8",
    timeout: HELM_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RenderOptions {
  /** Values files, relative to the chart directory (or absolute), in order. */
  values?: readonly string[];
  /** `--set` assignments, e.g. "gateway.replicas=3". */
  set?: readonly string[];
  /** Another copy of the chart (tests that change its files). */
  chartDir?: string;
}

export function templateArgs({ values = [], set = [], chartDir = CHART_DIR }: RenderOptions): string[] {
  return [
    "template",
    RELEASE,
    chartDir,
    "--namespace",
    NAMESPACE,
    ...values.flatMap((file) => ["--values", path.resolve(chartDir, file)]),
    ...set.flatMap((assignment) => ["--set", assignment]),
  ];
}

/** `helm template`'s output; throws with helm's message when it refuses to render. */
export function template(options: RenderOptions = {}): string {
  const result = helm(templateArgs(options));
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return result.stdout;
}

/** helm's error message for values the chart must refuse; throws if it renders. */
export function templateError(options: RenderOptions): string {
  const result = helm(templateArgs(options));
  if (result.status === 0) throw new Error(`helm template accepted ${JSON.stringify(options)}`);
  return result.stderr;
}
