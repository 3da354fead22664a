// The objects of a rendered chart, parsed, with the lookups the tests share.
import { parseAllDocuments } from "yaml";
import { template, type RenderOptions } from "./helm";

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export function parseManifests(rendered: string): Manifest[] {
  return parseAllDocuments(rendered).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`invalid YAML rendered: ${document.errors[0]?.message}`);
    const object: unknown = document.toJS();
    if (object === null || object === undefined) return [];
    const manifest = object as Manifest;
    if (!manifest.apiVersion || !manifest.kind || !manifest.metadata?.name) {
      throw new Error(
        `rendered object without apiVersion, kind or name: ${JSON.stringify(object).slice(0, 200)}`,
      );
    }
    return [manifest];
  });
}

export function render(options: RenderOptions = {}): Manifest[] {
  return parseManifests(template(options));
}

/** Objects of one kind, typed as the caller's model interface. */
export function ofKind<T>(manifests: readonly Manifest[], kind: string): T[] {
  return manifests.filter((manifest) => manifest.kind === kind) as unknown as T[];
}

export function isHook(manifest: Manifest): boolean {
  return Boolean(manifest.metadata.annotations?.["helm.sh/hook"]);
}

/** Whether a label selector's matchLabels all hold on the given labels. */
export function selects(
  matchLabels: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  const wanted = Object.entries(matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
}
