import type { EntityManager } from "typeorm";

/** Durable timers for payment deadlines: a row per open order, due at its deadline. */
export abstract class OrderDeadlines {
  abstract set(manager: EntityManager, orderId: string, dueAt: Date): Promise<void>;
  abstract clear(manager: EntityManager, orderId: string): Promise<void>;
  /** Due orders, claimed for `leaseMs` so two workers never fire one deadline at once. */
  abstract claimDue(limit: number, leaseMs: number): Promise<string[]>;
}
