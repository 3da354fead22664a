import type { z } from "zod";

/** Why a message broke its contract; consumers route all of these to the dead-letter topic. */
export type ContractViolationReason =
  | "unknown-type"
  | "unknown-version"
  | "missing-header"
  | "invalid-header"
  | "invalid-json"
  | "invalid-data"
  | "invalid-metadata"
  | "definition-mismatch"
  | "upcast-failed";

export interface ContractViolationDetails {
  readonly reason: ContractViolationReason;
  /** The message type, when it was known at the point of failure. */
  readonly messageType?: string;
  /** The schema version, when it was known at the point of failure. */
  readonly messageVersion?: number;
  /** The offending header name or data path (dot-separated), when there is one. */
  readonly field?: string;
  /** Every schema problem found, one line each, `path: message`. */
  readonly issues?: readonly string[];
}

/**
 * A message that does not match the contracts: unknown, malformed or invalid. Thrown by the
 * Kafka mapping and the registry so a consumer can tell "poison message" apart from a
 * transient failure of its own and dead-letter it instead of retrying forever.
 */
export class ContractViolation extends Error {
  override readonly name = "ContractViolation";
  readonly reason: ContractViolationReason;
  readonly messageType: string | undefined;
  readonly messageVersion: number | undefined;
  readonly field: string | undefined;
  readonly issues: readonly string[];

  constructor(details: ContractViolationDetails, summary: string) {
    super(`${subject(details)}: ${summary}`);
    this.reason = details.reason;
    this.messageType = details.messageType;
    this.messageVersion = details.messageVersion;
    this.field = details.field;
    this.issues = details.issues ?? [];
  }

  /** Wraps a failed schema parse, naming the first offending field in the message. */
  static fromZodError(
    reason: "invalid-data" | "invalid-metadata" | "upcast-failed",
    subjectOf: { messageType?: string; messageVersion?: number },
    error: z.ZodError,
  ): ContractViolation {
    const issues = error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`);
    const field = error.issues[0] === undefined ? undefined : pathOf(error.issues[0].path);
    const summary = `${schemaFailure[reason]}: ${issues.join("; ")}`;
    return new ContractViolation({ reason, ...subjectOf, field, issues }, summary);
  }
}

const schemaFailure = {
  "invalid-data": "invalid data",
  "invalid-metadata": "invalid envelope metadata",
  "upcast-failed": "upcast result breaks the next version's schema",
} as const;

function subject(details: ContractViolationDetails): string {
  if (details.messageType === undefined) return "Contract violation";
  const version = details.messageVersion === undefined ? "" : ` v${details.messageVersion}`;
  return `Contract violation in ${details.messageType}${version}`;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}
