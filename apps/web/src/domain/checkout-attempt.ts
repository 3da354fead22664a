/** How an attempt to check out ended, as far as the shopper's browser knows. */
export type AttemptOutcome = "accepted" | "refused" | "unknown";

/**
 * One Idempotency-Key per checkout attempt. A retry of an attempt whose
 * answer never came (a double click, a network error, a 503 waited out)
 * reuses its key, so the gateway answers with the first order instead of
 * making a second; only an attempt that got a definite answer lets the next
 * one take a new key.
 */
export class CheckoutAttempts {
  private open: string | undefined;

  constructor(private readonly newKey: () => string) {}

  /** The key for the next request: the open attempt's, or a new attempt's. */
  keyForNextRequest(): string {
    this.open ??= this.newKey();
    return this.open;
  }

  settle(outcome: AttemptOutcome): void {
    if (outcome !== "unknown") this.open = undefined;
  }
}
