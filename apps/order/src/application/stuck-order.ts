/**
 * Why an open order needs an operator's eye, or null when it is moving as it
 * should. past-deadline: its payment deadline passed a minute ago and the
 * deadlines worker (polling every 250 ms, leasing for 30 s) has not cancelled
 * it. stalled: it has not moved for a minute in a step the bank takes no part
 * in (stock is held or released in milliseconds when the saga runs). An order
 * waiting on the bank within its deadline is not stuck: retries are the plan.
 */
export type StuckReason = "past-deadline" | "stalled";

export const STUCK_AFTER_MS = 60_000;

export interface OpenOrderFacts {
  status: string;
  deadline: string;
  updatedAt: Date;
}

export function stuckReason(order: OpenOrderFacts, now: Date): StuckReason | null {
  if (Date.parse(order.deadline) < now.getTime() - STUCK_AFTER_MS) return "past-deadline";
  if (order.status !== "PAYMENT_PENDING" && order.updatedAt.getTime() < now.getTime() - STUCK_AFTER_MS)
    return "stalled";
  return null;
}
