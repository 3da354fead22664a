import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface ImageNames {
  postgres: string;
  kafka: string;
  reaper: string;
  /** An SMTP server accepting every e-mail, for tests that run notification's image. */
  smtp: string;
}

const VARIABLES = {
  postgres: "PEAKSHOP_POSTGRES_IMAGE",
  kafka: "PEAKSHOP_KAFKA_IMAGE",
  reaper: "PEAKSHOP_REAPER_IMAGE",
  smtp: "PEAKSHOP_SMTP_IMAGE",
} as const;

function findRepoRoot(start: string): string | undefined {
  let dir = start;
  for (let depth = 0; depth < 20; depth++) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function parseEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const entries: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) entries[match[1]] = match[2].trim();
  }
  return entries;
}

/**
 * Image names in order of precedence: the environment, the locally built images
 * recorded by infra/images/build.sh (.peakshop/images.env), then the official
 * defaults in infra/images/images.env.
 */
export function resolveImages(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ImageNames {
  const root = findRepoRoot(cwd);
  const defaults = root ? parseEnvFile(join(root, "infra/images/images.env")) : {};
  const local = root ? parseEnvFile(join(root, ".peakshop/images.env")) : {};
  const pick = (variable: string) => {
    const name = env[variable] ?? local[variable] ?? defaults[variable];
    if (!name) throw new Error(`No image configured for ${variable}; set it or run infra/images/build.sh`);
    return name;
  };
  return {
    postgres: pick(VARIABLES.postgres),
    kafka: pick(VARIABLES.kafka),
    reaper: pick(VARIABLES.reaper),
    smtp: pick(VARIABLES.smtp),
  };
}
