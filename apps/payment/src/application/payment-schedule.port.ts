import type { EntityManager } from "typeorm";

/** charge: attempts until captured, declined or abandoned; refund: until refunded; reconcile: ask the bank about an abandoned payment. */
export type ScheduledWork = "charge" | "refund" | "reconcile";

export interface DueWork {
  paymentId: string;
  kind: ScheduledWork;
  /** Attempts started before this claim; > 0 means an earlier one may have reached the bank. */
  startedBefore: number;
}

/**
 * The durable retry schedule: a row per payment and kind of work, due at a
 * time. It lives in the payment database, written in the same transaction as
 * the events, so retries survive restarts and never run twice at once.
 */
export abstract class PaymentSchedule {
  abstract put(manager: EntityManager, paymentId: string, kind: ScheduledWork, dueAt: Date): Promise<void>;
  abstract remove(manager: EntityManager, paymentId: string, kind: ScheduledWork): Promise<void>;
  /** Claims due work for `leaseMs` (after which it is due again, as after a crash). */
  abstract claimDue(limit: number, leaseMs: number): Promise<DueWork[]>;
  /** In how many ms the earliest row comes due (negative when overdue); undefined when none is scheduled. */
  abstract nextDueInMs(): Promise<number | undefined>;
}
