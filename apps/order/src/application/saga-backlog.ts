/**
 * How far behind the saga is on the work that does not wait for the bank:
 * checkouts waiting in Kafka for this service, and placed orders waiting for
 * inventory's answer. The gateway refuses new checkouts when this grows past
 * its target (GATEWAY_SAGA_BACKLOG_TARGET_MS), so a sustained overload is
 * turned away at the door instead of queuing until payment deadlines pass.
 * Payment is left out on purpose: during a bank outage orders wait for the
 * bank, and the shop keeps taking them (the payment saga retries).
 */
export interface SagaBacklog {
  /** The larger of the two: what the gateway compares with its target. */
  delayMs: number;
  /** How long the latest checkouts waited between cart's commit and this service taking them. */
  checkoutQueueMs: number;
  /** Age of the oldest order still waiting for its stock reservation (0 when none waits). */
  oldestWaitingForStockMs: number;
}

/**
 * The longest wait of the checkouts taken in the last `windowMs`: it falls
 * back to 0 once no checkout has waited that long for a window, so a burst
 * that drained stops counting. Pure: the caller passes the clock.
 */
export class CheckoutQueueDelay {
  private current = { startedAt: Number.NaN, maxMs: 0 };
  private previous = { startedAt: Number.NaN, maxMs: 0 };

  constructor(private readonly windowMs = 2_000) {}

  /** A checkout taken at `now` that was requested `waitedMs` earlier. */
  record(waitedMs: number, now: number): void {
    this.roll(now);
    this.current.maxMs = Math.max(this.current.maxMs, Math.max(0, waitedMs));
  }

  /** The longest wait seen in the current window and the one before it. */
  delayMs(now: number): number {
    this.roll(now);
    return Math.max(this.current.maxMs, this.previous.maxMs);
  }

  private roll(now: number): void {
    if (Number.isNaN(this.current.startedAt)) this.current.startedAt = now;
    if (now - this.current.startedAt < this.windowMs) return;
    // Two windows back or more: nothing recent remains.
    const skipped = now - this.current.startedAt >= 2 * this.windowMs;
    this.previous = skipped ? { startedAt: now, maxMs: 0 } : this.current;
    this.current = { startedAt: now, maxMs: 0 };
  }
}

export function sagaBacklog(checkoutQueueMs: number, oldestWaitingForStockMs: number): SagaBacklog {
  const round = (ms: number) => Math.max(0, Math.round(ms));
  return {
    delayMs: round(Math.max(checkoutQueueMs, oldestWaitingForStockMs)),
    checkoutQueueMs: round(checkoutQueueMs),
    oldestWaitingForStockMs: round(oldestWaitingForStockMs),
  };
}
