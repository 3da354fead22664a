/** Backoff between charge attempts: exponential, capped, with jitter so a recovering bank is not hit by every retry at once. */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before the attempt after `failedAttempt` (1-based). "Equal jitter":
 * half the exponential step is kept, half drawn, so delays still grow.
 * `random` is a draw in [0, 1) supplied by the caller.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}
