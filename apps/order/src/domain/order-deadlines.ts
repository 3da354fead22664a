export interface DeadlineSettings {
  /** Time from checkout until payment must be captured. */
  paymentDeadlineMs: number;
  /** How much longer than the deadline inventory holds the items. */
  stockHoldMarginMs: number;
}

/**
 * When an order placed at `placedAt` must be paid, and until when inventory
 * holds its items: past the deadline, so that a capture at the last moment
 * can still be sold its stock.
 */
export function deadlinesOf(
  placedAt: Date,
  settings: DeadlineSettings,
): { deadline: string; holdUntil: string } {
  const deadline = placedAt.getTime() + settings.paymentDeadlineMs;
  return {
    deadline: new Date(deadline).toISOString(),
    holdUntil: new Date(deadline + settings.stockHoldMarginMs).toISOString(),
  };
}
