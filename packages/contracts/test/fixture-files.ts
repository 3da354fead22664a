// Reads the JSON fixtures under src/<context>/fixtures/, for unit tests only (hence outside src/,
// which is built and shipped).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnyMessageDefinition } from "../src/message/message-definition";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));
const FIXTURE_NAME = /^([a-z][a-z0-9-]*)\.v([1-9][0-9]*)\.json$/;

export interface FixtureFile {
  /** Path relative to src/, for test names. */
  readonly path: string;
  /** The message type the file name and folder imply: `peakshop.<context>.<short-name>`. */
  readonly type: string;
  readonly version: number;
  readonly data: unknown;
}

export function readFixtureFiles(): FixtureFile[] {
  const contexts = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return contexts.flatMap(({ name: context }) => {
    const folder = join(SRC, context, "fixtures");
    let files: string[];
    try {
      files = readdirSync(folder);
    } catch {
      return [];
    }
    return files.map((file) => {
      const match = FIXTURE_NAME.exec(file);
      // A misnamed fixture would silently test nothing, so it fails the run instead.
      if (!match) throw new Error(`${context}/fixtures/${file}: name it <type-short-name>.v<N>.json`);
      const [, shortName, version] = match;
      return {
        path: `${context}/fixtures/${file}`,
        type: `peakshop.${context}.${shortName}`,
        version: Number(version),
        data: JSON.parse(readFileSync(join(folder, file), "utf8")) as unknown,
      };
    });
  });
}

/** The fixture data of one definition; throws when there is none. */
export function fixtureOf(definition: AnyMessageDefinition, files = readFixtureFiles()): unknown {
  const file = files.find((f) => f.type === definition.type && f.version === definition.version);
  if (file === undefined) throw new Error(`No fixture for ${definition.type} v${definition.version}`);
  return file.data;
}
