export interface RetrySettings {
  /** Attempts in all, the first included; after the last failure the delivery is given up. */
  maxAttempts: number;
  /** Delay after the first failure; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export type FailedAttemptOutcome = { type: "retry"; delayMs: number } | { type: "give-up" };

/**
 * What to do after attempt number `attempt` (1-based) failed: retry after an
 * exponential delay with jitter (`jitter` in [0, 1) spreads the retries of many
 * deliveries that failed together, e.g. when the mail server restarted), or give up.
 */
export function afterFailedAttempt(
  attempt: number,
  settings: RetrySettings,
  jitter: number,
): FailedAttemptOutcome {
  if (attempt >= settings.maxAttempts) return { type: "give-up" };
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return { type: "retry", delayMs: Math.round(ceiling / 2 + (ceiling / 2) * jitter) };
}
