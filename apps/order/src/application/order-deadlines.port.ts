import type { SqlStatement } from "@peakshop/eventsourcing";

/** Durable timers for payment deadlines: a row per open order, due at its deadline. */
export abstract class OrderDeadlines {
  /** The write that sets the order's timer, to commit with its events. */
  abstract set(orderId: string, dueAt: Date): SqlStatement;
  /** The write that clears the order's timer, to commit with its events. */
  abstract clear(orderId: string): SqlStatement;
  /** Due orders, claimed for `leaseMs` so two workers never fire one deadline at once. */
  abstract claimDue(limit: number, leaseMs: number): Promise<string[]>;
}
