import { Injectable, Logger } from "@nestjs/common";
import type { SqlStatement } from "@peakshop/eventsourcing";
import { randomUUID } from "node:crypto";
import { notFoundVerdict } from "../domain/in-doubt";
import { retryDelayMs, type RetryPolicy } from "../domain/retry-policy";
import type { PaymentState } from "../domain/payment.state";
import { BankGateway, BankRefused, BankUnavailable, type ChargeOutcome } from "./bank-gateway.port";
import { PaymentCommands, type PaymentResult } from "./payment-commands";
import { PaymentSchedule, type DueWork } from "./payment-schedule.port";

export const RETRY_POLICY = Symbol("RETRY_POLICY");

/** Retries, plus how long the bank may take to process a charge (BANK_MAX_PROCESSING_MS). */
export interface DueWorkPolicy extends RetryPolicy {
  bankMaxProcessingMs: number;
}

/**
 * One claimed piece of scheduled work: a charge attempt, a refund, or a
 * reconciliation of an abandoned payment. The bank is called outside any
 * database transaction; the outcome is then recorded with the schedule change
 * in one statement.
 */
@Injectable()
export class ProcessDueWork {
  private readonly logger = new Logger(ProcessDueWork.name);

  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
    private readonly bank: BankGateway,
    private readonly policy: DueWorkPolicy,
  ) {}

  async run(work: DueWork): Promise<void> {
    const state = await this.payments.load(work.paymentId);
    if (state.status === "none") return this.done(work);
    if (work.kind === "charge") return this.charge(work, state);
    if (work.kind === "refund") return this.refund(work, state);
    return this.reconcile(work, state);
  }

  private async charge(work: DueWork, state: PaymentState): Promise<void> {
    if (state.status !== "pending") return this.done(work);
    const causation = { correlationId: state.correlationId, causationId: `payment-attempt-${randomUUID()}` };
    try {
      // An earlier attempt may have reached the bank: ask before charging again.
      const known = work.startedBefore > 0 ? await this.bank.findCharge(state.paymentId) : undefined;
      if (!known && Date.now() >= Date.parse(state.deadline)) {
        return void (await this.record(
          work,
          { type: "Abandon", reason: "deadline-passed", at: now() },
          causation,
        ));
      }
      const outcome =
        known ??
        (await this.bank.charge({
          idempotencyKey: state.paymentId,
          amountCents: state.amountCents,
          currency: state.currency,
          reference: state.orderId,
          paymentToken: state.paymentToken,
        }));
      await this.record(work, outcomeCommand(outcome), causation);
    } catch (error) {
      // A refused charge backs off like a failed one and ends at the deadline, instead of every lease.
      if (!(error instanceof BankUnavailable) && !(error instanceof BankRefused)) throw error;
      const nextAttemptAt = new Date(
        Date.now() + retryDelayMs(this.policy, state.failedAttempts + 1, Math.random()),
      );
      await this.record(
        work,
        {
          type: "RecordTransientFailure",
          error: error.message,
          nextAttemptAt: nextAttemptAt.toISOString(),
          at: now(),
        },
        causation,
      );
    }
  }

  private async refund(work: DueWork, state: PaymentState): Promise<void> {
    if (state.status !== "captured" || state.refund.status !== "requested") return this.done(work);
    const causation = { correlationId: state.correlationId, causationId: `payment-refund-${randomUUID()}` };
    try {
      const { refundId } = await this.bank.refund({
        idempotencyKey: `refund-${state.paymentId}`,
        chargeId: state.chargeId,
        amountCents: state.refund.amountCents,
      });
      await this.record(work, { type: "RecordRefund", refundId, at: now() }, causation);
    } catch (error) {
      if (error instanceof BankRefused) return this.refundRefused(work, error);
      if (!(error instanceof BankUnavailable)) throw error;
      await this.later(work, this.policy.maxDelayMs);
    }
  }

  /**
   * The bank refuses this refund as it stands. The customer is still owed the
   * money, so it is never dropped; but asking again at once cannot help, so
   * the next try backs off (doubling up to an hour) while the error log and
   * the PeakshopRefundsFailing alert bring someone to fix it.
   */
  private async refundRefused(work: DueWork, error: BankRefused): Promise<void> {
    const delayMs = retryDelayMs(
      { baseDelayMs: this.policy.maxDelayMs, maxDelayMs: REFUSED_REFUND_MAX_DELAY_MS },
      work.startedBefore + 1,
      Math.random(),
    );
    this.logger.error(
      { paymentId: work.paymentId, status: error.status, error: error.message, retryInMs: delayMs },
      "refund refused by the bank; a person must look at it (retrying with backoff)",
    );
    await this.at(work, new Date(Date.now() + delayMs));
  }

  /** An abandoned payment whose attempts may have reached the bank: find out, so a stray capture is refunded. */
  private async reconcile(work: DueWork, state: PaymentState): Promise<void> {
    if (state.status !== "abandoned") return this.done(work);
    const causation = {
      correlationId: state.correlationId,
      causationId: `payment-reconcile-${randomUUID()}`,
    };
    try {
      const known = await this.bank.findCharge(state.paymentId);
      if (known?.status === "captured")
        return void (await this.record(work, outcomeCommand(known), causation));
      if (!known) {
        // Not found yet is not never: the last attempt may still commit at the bank.
        const verdict = notFoundVerdict(state.abandonedAt, new Date(), this.policy.bankMaxProcessingMs);
        if (!verdict.settled) return this.at(work, verdict.askAgainAt);
      }
      this.logger.log(
        { paymentId: state.paymentId, found: known?.status ?? "none" },
        "abandoned payment reconciled",
      );
      await this.done(work);
    } catch (error) {
      if (!(error instanceof BankUnavailable)) throw error;
      await this.later(work, this.policy.maxDelayMs);
    }
  }

  /** Records the outcome and moves the schedule on, in one statement. */
  private async record(
    work: DueWork,
    command: Parameters<PaymentCommands["execute"]>[1],
    causation: Parameters<PaymentCommands["execute"]>[2],
  ): Promise<PaymentResult> {
    const next = (result: PaymentResult) => scheduleAfter(work, command, result.state, this.schedule);
    return this.payments.execute(work.paymentId, command, causation, {
      alsoWrite: (result) => next(result).writes,
      afterCommit: (result) => {
        if (next(result).putsWork) this.schedule.wakeWorker();
      },
    });
  }

  private async done(work: DueWork): Promise<void> {
    await this.schedule.apply(this.schedule.remove(work.paymentId, work.kind));
  }

  private async later(work: DueWork, delayMs: number): Promise<void> {
    await this.at(
      work,
      new Date(Date.now() + retryDelayMs({ baseDelayMs: delayMs, maxDelayMs: delayMs }, 1, Math.random())),
    );
  }

  private async at(work: DueWork, dueAt: Date): Promise<void> {
    await this.schedule.apply(this.schedule.put(work.paymentId, work.kind, dueAt));
    this.schedule.wakeWorker();
  }
}

/** How the schedule moves on once an outcome of `work` is recorded. */
function scheduleAfter(
  work: DueWork,
  command: Parameters<PaymentCommands["execute"]>[1],
  state: PaymentState,
  schedule: PaymentSchedule,
): { writes: SqlStatement[]; putsWork: boolean } {
  if (state.status === "pending" && command.type === "RecordTransientFailure") {
    return {
      writes: [schedule.put(work.paymentId, "charge", new Date(command.nextAttemptAt))],
      putsWork: true,
    };
  }
  const removal = schedule.remove(work.paymentId, work.kind);
  // Abandoned after attempts that may have reached the bank: keep asking until it answers.
  if (state.status === "abandoned" && (work.startedBefore > 0 || command.type === "RecordTransientFailure")) {
    const reconcile = schedule.put(work.paymentId, "reconcile", new Date());
    // One statement must not write a row twice: a put of the same work moves it instead.
    return { writes: work.kind === "reconcile" ? [reconcile] : [removal, reconcile], putsWork: true };
  }
  return { writes: [removal], putsWork: false };
}

const now = () => new Date().toISOString();

/** The longest wait between two tries of a refund the bank refuses. */
const REFUSED_REFUND_MAX_DELAY_MS = 3_600_000;

function outcomeCommand(outcome: ChargeOutcome) {
  return outcome.status === "captured"
    ? ({ type: "RecordCapture", chargeId: outcome.chargeId, at: now() } as const)
    : ({ type: "RecordDecline", reasonCode: outcome.reasonCode, reason: outcome.reason, at: now() } as const);
}
