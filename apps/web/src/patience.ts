import { isOverload, retryAfterSeconds } from "./domain/retry-after";

/** Told each second while a request waits out 429/503 (seconds left), and undefined once it no longer waits. */
export type WaitListener = (secondsLeft: number | undefined) => void;

const MAX_WAITS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request; while the gateway answers 429 or 503, counts down its
 * Retry-After and sends it again, a bounded number of times. The caller
 * sends the same request (same Idempotency-Key), so nothing is done twice.
 */
export async function patiently<T extends { response: Response }>(
  send: () => Promise<T>,
  waiting: WaitListener,
): Promise<T> {
  for (let waits = 0; ; waits++) {
    const result = await send();
    if (!isOverload(result.response.status) || waits >= MAX_WAITS) {
      waiting(undefined);
      return result;
    }
    const seconds = retryAfterSeconds(result.response.headers.get("retry-after"), new Date());
    for (let left = seconds; left > 0; left--) {
      waiting(left);
      await sleep(1_000);
    }
  }
}
