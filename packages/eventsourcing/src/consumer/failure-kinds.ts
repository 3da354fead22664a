/** Thrown by handlers for input that can never succeed: dead-letter it at once. */
export class PermanentFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentFailure";
  }
}

/** Node's socket and DNS errors: our database or broker cannot be reached. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * PostgreSQL's SQLSTATEs that say the database, not the message, is the
 * trouble: a failover or restart (read-only, shutdown, cannot connect now),
 * lost connections, exhausted resources, timeouts and contention that pass
 * (lock_timeout, statement_timeout, serialization failures, deadlocks), and
 * system or I/O errors. Whole classes where every member is of that kind.
 */
const POSTGRES_INFRASTRUCTURE_CLASSES = ["08", "53", "58"];
const POSTGRES_INFRASTRUCTURE_CODES = new Set([
  "25006", // read_only_sql_transaction
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57P05", // idle_session_timeout
  "25P03", // idle_in_transaction_session_timeout
  "55P03", // lock_not_available
  "57014", // query_canceled (statement_timeout)
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

/** kafkajs' errors of a broker that is down, moving or slow: never the message's fault. */
const BROKER_ERRORS = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSNumberOfRetriesExceeded",
  "KafkaJSBrokerNotFound",
  "KafkaJSLockTimeout",
]);

/** What pg and its pool say, with no code, when a connection cannot be had or was lost. */
const CONNECTION_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable/i;

export type FailureKind = "permanent" | "infrastructure" | "transient";

/**
 * Permanent failures (bad input) go to the dead-letter topic at once. When our
 * own database or broker is down, failing over, out of resources or briefly
 * contended, dead-lettering would empty the topic into the dead-letter queue
 * (a lost checkout, capture or stock commit breaks I1-I3), so those failures
 * are not handled here: the message is not acknowledged, the consumer backs off
 * and takes it again once the infrastructure is back, however long that takes.
 * Anything else (a handler's bug, a violated constraint) is retried a bounded
 * number of times, then dead-lettered.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PermanentFailure) return "permanent";
  if (
    error instanceof Error &&
    (error.name === "ZodError" || error.name === "ContractViolation" || error instanceof SyntaxError)
  ) {
    return "permanent";
  }
  if (isInfrastructure(error)) return "infrastructure";
  return "transient";
}

function isInfrastructure(error: unknown): boolean {
  if (error instanceof Error && BROKER_ERRORS.has(error.name)) return true;
  // TypeORM's QueryFailedError copies the driver's fields, but keeps the original too.
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code !== "string") continue;
    if (NETWORK_CODES.has(code) || POSTGRES_INFRASTRUCTURE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_INFRASTRUCTURE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  return error instanceof Error && CONNECTION_MESSAGES.test(error.message);
}
