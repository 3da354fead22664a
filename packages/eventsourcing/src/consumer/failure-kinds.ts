/** Thrown by handlers for input that can never succeed: dead-letter it at once. */
export class PermanentFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentFailure";
  }
}

const INFRASTRUCTURE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08003",
  "08006", // connection exceptions
  "53300", // too_many_connections
]);

export type FailureKind = "permanent" | "infrastructure" | "transient";

/**
 * Permanent failures (bad input) go to the dead-letter topic at once. When our
 * own database or broker is down, dead-lettering would empty the topic into the
 * dead-letter queue, so those failures are not handled here: the message is not
 * acknowledged and comes back once the infrastructure does. Anything else is
 * retried a bounded number of times, then dead-lettered.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PermanentFailure) return "permanent";
  if (
    error instanceof Error &&
    (error.name === "ZodError" || error.name === "ContractViolation" || error instanceof SyntaxError)
  ) {
    return "permanent";
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && INFRASTRUCTURE_CODES.has(code)) return "infrastructure";
  const message = error instanceof Error ? error.message : "";
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message))
    return "infrastructure";
  return "transient";
}
