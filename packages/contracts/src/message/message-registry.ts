import { ContractViolation } from "./contract-violation";
import type { AnyMessageDefinition } from "./message-definition";
import type { Upcaster } from "./upcaster";

/** Data of the latest version of a type, and that version's definition. */
export interface UpcastResult {
  readonly definition: AnyMessageDefinition;
  readonly data: unknown;
}

/** Every version of every message, and the upcasters between them. Untyped by design: it reads wire data. */
export interface MessageRegistry {
  /** Every registered definition, every version, in registration order. */
  readonly definitions: readonly AnyMessageDefinition[];
  has(type: string): boolean;
  /** The definition of one version, or undefined when that type or version is unknown. */
  find(type: string, version: number): AnyMessageDefinition | undefined;
  /** The latest definition of a type; throws ContractViolation for an unknown type. */
  latest(type: string): AnyMessageDefinition;
  /**
   * Validates `data` against its own version, upcasts it step by step to the latest version
   * (validating each step) and returns the latest definition with the upcast data.
   */
  upcast(type: string, version: number, data: unknown): UpcastResult;
}

/**
 * Builds a registry and checks it is complete: every type's versions run 1..latest without
 * gaps, share topic and kind, and each version but the latest has an upcaster to the next.
 */
export function createMessageRegistry(
  definitions: readonly AnyMessageDefinition[],
  upcasters: readonly Upcaster[],
): MessageRegistry {
  const versionsByType = groupVersions(definitions);
  const upcasterByStep = new Map(upcasters.map((u) => [stepKey(u.from.type, u.from.version), u]));
  for (const [type, versions] of versionsByType) assertComplete(type, versions, upcasterByStep);
  if (upcasterByStep.size !== upcasters.length) throw new Error("Two upcasters for the same version step");
  for (const { from, to } of upcasters) {
    const registered = versionsByType.get(from.type);
    if (registered?.[from.version - 1] !== from || registered[to.version - 1] !== to) {
      throw new Error(
        `The upcaster ${from.type} v${from.version} -> v${to.version} links unregistered definitions`,
      );
    }
  }

  const latest = (type: string): AnyMessageDefinition => {
    const versions = versionsByType.get(type);
    const last = versions?.[versions.length - 1];
    if (last === undefined) {
      throw new ContractViolation({ reason: "unknown-type", messageType: type }, "unknown message type");
    }
    return last;
  };
  const find = (type: string, version: number) => versionsByType.get(type)?.[version - 1];

  return Object.freeze({
    definitions: Object.freeze([...definitions]),
    has: (type: string) => versionsByType.has(type),
    find,
    latest,
    upcast(type: string, version: number, data: unknown): UpcastResult {
      const newest = latest(type);
      let definition = find(type, version);
      if (definition === undefined) throw unknownVersion(type, version, newest.version);
      let current = parseAs(definition, data, "invalid-data");
      while (definition.version < newest.version) {
        const step = upcasterByStep.get(stepKey(type, definition.version));
        // assertComplete guarantees both exist; the checks keep the compiler and a reader sure.
        const next = find(type, definition.version + 1);
        if (step === undefined || next === undefined) {
          throw new Error(`No upcaster from ${type} v${definition.version}`);
        }
        current = parseAs(next, applyUpcaster(step, current), "upcast-failed");
        definition = next;
      }
      return { definition, data: current };
    },
  });
}

function parseAs(
  definition: AnyMessageDefinition,
  data: unknown,
  reason: "invalid-data" | "upcast-failed",
): Record<string, unknown> {
  const result = definition.schema.safeParse(data);
  if (result.success) return result.data;
  const subject = { messageType: definition.type, messageVersion: definition.version };
  throw ContractViolation.fromZodError(reason, subject, result.error);
}

function applyUpcaster(upcaster: Upcaster, data: Record<string, unknown>): unknown {
  try {
    return upcaster.up(data);
  } catch (error) {
    // A throwing upcaster is a bug, but to the consumer the message is just as unreadable as
    // invalid data: it goes to the dead-letter topic and is replayed once the bug is fixed.
    const { type, version } = upcaster.from;
    const summary = `upcaster from v${version} threw: ${error instanceof Error ? error.message : String(error)}`;
    throw new ContractViolation(
      { reason: "upcast-failed", messageType: type, messageVersion: version },
      summary,
    );
  }
}

function unknownVersion(type: string, version: number, latestVersion: number): ContractViolation {
  // A version above the latest usually means a producer was deployed before its consumers.
  const hint = version > latestVersion ? `; this consumer knows up to v${latestVersion}` : "";
  return new ContractViolation(
    { reason: "unknown-version", messageType: type, messageVersion: version },
    `unknown schema version ${version}${hint}`,
  );
}

function groupVersions(definitions: readonly AnyMessageDefinition[]): Map<string, AnyMessageDefinition[]> {
  const byType = new Map<string, AnyMessageDefinition[]>();
  for (const definition of definitions) {
    const versions = byType.get(definition.type) ?? [];
    versions.push(definition);
    byType.set(definition.type, versions);
  }
  for (const versions of byType.values()) versions.sort((a, b) => a.version - b.version);
  return byType;
}

function assertComplete(
  type: string,
  versions: readonly AnyMessageDefinition[],
  upcasterByStep: ReadonlyMap<string, Upcaster>,
): void {
  versions.forEach((definition, index) => {
    if (definition.version !== index + 1) {
      throw new Error(`${type}: versions must run 1..n without gaps or repeats`);
    }
    const first = versions[0];
    if (definition.topic !== first?.topic || definition.kind !== first.kind) {
      throw new Error(`${type}: every version must share one topic and kind`);
    }
    const isLatest = index === versions.length - 1;
    if (!isLatest && !upcasterByStep.has(stepKey(type, definition.version))) {
      throw new Error(`${type}: no upcaster from v${definition.version}`);
    }
  });
}

function stepKey(type: string, fromVersion: number): string {
  return `${type}@${fromVersion}`;
}
