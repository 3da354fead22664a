/**
 * Broker answers that mean the idempotent producer's own state (its producer id,
 * epoch or sequence numbers) no longer matches the broker's, for example after
 * a topic was deleted and created again or the broker lost the producer's state
 * in a restart. kafkajs keeps retrying with the same state, so every later
 * publish fails too; only a new producer (a new id, sequences from 0) recovers.
 */
const PRODUCER_STATE_ERRORS = new Set([
  "OUT_OF_ORDER_SEQUENCE_NUMBER",
  "UNKNOWN_PRODUCER_ID",
  "INVALID_PRODUCER_EPOCH",
  "INVALID_PRODUCER_ID_MAPPING",
  "PRODUCER_FENCED",
]);

export interface PublishHealthOptions {
  /** Failed publishes in a row after which the producer is replaced whatever the error. */
  replaceAfterFailures?: number;
  now?: () => number;
}

/**
 * Follows publishes: says when the producer must be replaced, and for how long
 * publishing has been failing (readiness reports it). A publish that has not
 * come back counts as failing for as long as it is out: a broker whose answers
 * are lost (packets dropped, not refused) holds a kafkajs publish for its
 * request timeout times its retries, about 280 s here, before it fails.
 */
export class PublishHealth {
  private failuresSinceReplacement = 0;
  private failingSinceMs?: number;
  private readonly publishesOut = new Set<{ sinceMs: number }>();
  private readonly replaceAfterFailures: number;
  private readonly now: () => number;

  constructor(options: PublishHealthOptions = {}) {
    this.replaceAfterFailures = options.replaceAfterFailures ?? 3;
    this.now = options.now ?? Date.now;
  }

  /** A publish goes out; call the function it returns when it comes back, either way. */
  started(): () => void {
    const publish = { sinceMs: this.now() };
    this.publishesOut.add(publish);
    return () => this.publishesOut.delete(publish);
  }

  succeeded(): void {
    this.failuresSinceReplacement = 0;
    this.failingSinceMs = undefined;
  }

  /** Records a failed publish; true when the producer should be replaced before the next one. */
  failed(error: unknown): boolean {
    this.failuresSinceReplacement += 1;
    this.failingSinceMs ??= this.now();
    const replace = breaksProducerState(error) || this.failuresSinceReplacement >= this.replaceAfterFailures;
    if (replace) this.failuresSinceReplacement = 0;
    return replace;
  }

  /**
   * 0 while publishes succeed and come back; else the time since the first
   * failure of the current run, or since the oldest publish still out left.
   */
  failingForMs(): number {
    let sinceMs = this.failingSinceMs ?? Infinity;
    for (const publish of this.publishesOut) sinceMs = Math.min(sinceMs, publish.sinceMs);
    return sinceMs === Infinity ? 0 : this.now() - sinceMs;
  }
}

/** True when the error, or an error it wraps (kafkajs nests retried causes), is a producer-state error. */
export function breaksProducerState(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { type, originalError, cause } = error as {
    type?: unknown;
    originalError?: unknown;
    cause?: unknown;
  };
  if (typeof type === "string" && PRODUCER_STATE_ERRORS.has(type)) return true;
  return breaksProducerState(originalError, depth + 1) || breaksProducerState(cause, depth + 1);
}
