// The value sets the tests render, each rendered once per test file.
import { render, type Manifest } from "./manifests";

const cache = new Map<string, Manifest[]>();

function once(name: string, values: readonly string[]): Manifest[] {
  let manifests = cache.get(name);
  if (!manifests) {
    manifests = render({ values });
    cache.set(name, manifests);
  }
  return manifests;
}

/** values.yaml plus only what every install must set. */
export const DEFAULT_VALUES = ["ci/minimal-values.yaml"];
export const PRODUCTION_VALUES = ["values-production.yaml"];
/** Bank simulator, dev tokens, HTTPRoute, e-mail and webhooks. */
export const STAGING_VALUES = ["ci/staging-values.yaml"];

export const defaultRender = () => once("default", DEFAULT_VALUES);
export const productionRender = () => once("production", PRODUCTION_VALUES);
export const stagingRender = () => once("staging", STAGING_VALUES);

export const RENDERS = [
  { name: "default", manifests: defaultRender },
  { name: "production", manifests: productionRender },
  { name: "staging", manifests: stagingRender },
] as const;
