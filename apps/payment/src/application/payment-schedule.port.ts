import type { SqlStatement } from "@peakshop/eventsourcing";
import type { ScheduledWork } from "../domain/due-work";

export type { ScheduledWork };

export interface DueWork {
  paymentId: string;
  kind: ScheduledWork;
  /** Attempts started before this claim; > 0 means an earlier one may have reached the bank. */
  startedBefore: number;
  /** The trace that scheduled the work (W3C traceparent), continued when it runs. */
  traceparent?: string;
}

/**
 * The durable retry schedule: a row per payment and kind of work, due at a
 * time. It lives in the payment database and its writes travel in the
 * statement that appends the payment's events, so retries survive restarts
 * and never run twice at once.
 */
export abstract class PaymentSchedule {
  /** The write that puts work on the schedule (or moves it), to commit with the events. */
  abstract put(paymentId: string, kind: ScheduledWork, dueAt: Date): SqlStatement;
  /** The write that takes work off the schedule. */
  abstract remove(paymentId: string, kind: ScheduledWork): SqlStatement;
  /** Runs a schedule write on its own (no events go with it). */
  abstract apply(write: SqlStatement): Promise<void>;
  /** Tells this process's worker that work was put and committed, so it looks at once. */
  abstract wakeWorker(): void;
  /** Claims due work for `leaseMs` (after which it is due again, as after a crash). */
  abstract claimDue(limit: number, leaseMs: number): Promise<DueWork[]>;
  /** In how many ms the earliest row comes due (negative when overdue); undefined when none is scheduled. */
  abstract nextDueInMs(): Promise<number | undefined>;
}
