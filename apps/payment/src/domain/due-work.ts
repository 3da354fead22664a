import { notFoundVerdict } from "./in-doubt";
import type { PaymentCommand } from "./payment.commands";
import type { DeclineCode } from "./payment.events";
import type { PaymentState } from "./payment.state";
import { retryDelayMs, type RetryPolicy } from "./retry-policy";

/**
 * The decisions of payment's scheduled work (charge attempts, refunds,
 * reconciliations of abandoned payments), apart from the bank calls and the
 * schedule's SQL. The clock and the jitter's draw are handed in, so each
 * decision is a pure function of what it is told.
 */

/** charge: attempts until captured, declined or abandoned; refund: until refunded; reconcile: ask the bank about an abandoned payment. */
export type ScheduledWork = "charge" | "refund" | "reconcile";

/** What the bank answered for a charge: it exists and is final. */
export type ChargeOutcome =
  | { status: "captured"; chargeId: string }
  | { status: "declined"; chargeId: string; reasonCode: DeclineCode; reason: string };

/** Retries, plus how long the bank may take to process a charge (BANK_MAX_PROCESSING_MS). */
export interface DueWorkPolicy extends RetryPolicy {
  bankMaxProcessingMs: number;
}

/** The time of a decision and a draw in [0, 1) for its jitter. */
export interface Circumstances {
  now: Date;
  random: number;
}

/** The longest wait between two tries of a refund the bank refuses. */
export const REFUSED_REFUND_MAX_DELAY_MS = 3_600_000;

/** The command that records what the bank said about a charge. */
export function outcomeCommand(outcome: ChargeOutcome, now: Date): PaymentCommand {
  return outcome.status === "captured"
    ? { type: "RecordCapture", chargeId: outcome.chargeId, at: now.toISOString() }
    : {
        type: "RecordDecline",
        reasonCode: outcome.reasonCode,
        reason: outcome.reason,
        at: now.toISOString(),
      };
}

/**
 * What a due charge attempt does, once the bank was asked about earlier
 * attempts (`known`, only when one may have reached it): record what the bank
 * already did, give up past the deadline, or charge.
 */
export function chargeStep(
  payment: Extract<PaymentState, { status: "pending" }>,
  known: ChargeOutcome | undefined,
  now: Date,
): { record: PaymentCommand } | { charge: true } {
  if (known) return { record: outcomeCommand(known, now) };
  if (now.getTime() >= Date.parse(payment.deadline))
    return { record: { type: "Abandon", reason: "deadline-passed", at: now.toISOString() } };
  return { charge: true };
}

/** A charge the bank could not answer (or refused as sent): try again after a growing, jittered backoff. */
export function chargeFailed(
  payment: Extract<PaymentState, { status: "pending" }>,
  error: string,
  policy: RetryPolicy,
  { now, random }: Circumstances,
): PaymentCommand {
  const delay = retryDelayMs(policy, payment.failedAttempts + 1, random);
  return {
    type: "RecordTransientFailure",
    error,
    nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
    at: now.toISOString(),
  };
}

/** When to try again after the bank could not be reached: about `delayMs`, jittered so retries spread. */
export function retryAfterUnavailable(delayMs: number, { now, random }: Circumstances): Date {
  return new Date(now.getTime() + retryDelayMs({ baseDelayMs: delayMs, maxDelayMs: delayMs }, 1, random));
}

/**
 * When to try a refund the bank refuses again. The customer is still owed the
 * money, so it is never dropped, but asking again at once cannot help: the
 * wait doubles from the retry cap up to an hour.
 */
export function retryRefusedRefund(
  policy: RetryPolicy,
  startedBefore: number,
  { now, random }: Circumstances,
): Date {
  const delay = retryDelayMs(
    { baseDelayMs: policy.maxDelayMs, maxDelayMs: REFUSED_REFUND_MAX_DELAY_MS },
    startedBefore + 1,
    random,
  );
  return new Date(now.getTime() + delay);
}

/**
 * What a reconciliation of an abandoned payment does with the bank's answer:
 * record a stray capture (so the order refunds it), ask again while a "not
 * found" proves nothing yet, or finish.
 */
export function reconcileStep(
  payment: Extract<PaymentState, { status: "abandoned" }>,
  known: ChargeOutcome | undefined,
  now: Date,
  bankMaxProcessingMs: number,
): { record: PaymentCommand } | { askAgainAt: Date } | { settled: true } {
  if (known?.status === "captured") return { record: outcomeCommand(known, now) };
  if (!known) {
    const verdict = notFoundVerdict(payment.abandonedAt, now, bankMaxProcessingMs);
    if (!verdict.settled) return { askAgainAt: verdict.askAgainAt };
  }
  return { settled: true };
}

/** How the schedule moves on once an outcome of a piece of work is recorded. */
export type ScheduleChange =
  { put: ScheduledWork; dueAt: Date } | { remove: ScheduledWork; thenReconcileAt?: Date };

export function scheduleAfter(
  work: { kind: ScheduledWork; startedBefore: number },
  command: PaymentCommand,
  payment: PaymentState,
  now: Date,
): ScheduleChange {
  if (payment.status === "pending" && command.type === "RecordTransientFailure")
    return { put: "charge", dueAt: new Date(command.nextAttemptAt) };
  // Abandoned after attempts that may have reached the bank: keep asking until it answers.
  if (payment.status === "abandoned" && (work.startedBefore > 0 || command.type === "RecordTransientFailure"))
    return work.kind === "reconcile"
      ? { put: "reconcile", dueAt: now }
      : { remove: work.kind, thenReconcileAt: now };
  return { remove: work.kind };
}
