import { Injectable, Logger } from "@nestjs/common";
import { randomUUID } from "node:crypto";
import {
  chargeFailed,
  chargeStep,
  outcomeCommand,
  reconcileStep,
  retryAfterUnavailable,
  retryRefusedRefund,
  scheduleAfter,
  type Circumstances,
  type DueWorkPolicy,
} from "../domain/due-work";
import type { PaymentCommand } from "../domain/payment.commands";
import type { PaymentState } from "../domain/payment.state";
import { BankGateway, BankRefused, BankUnavailable } from "./bank-gateway.port";
import { PaymentCommands, type PaymentResult } from "./payment-commands";
import { PaymentSchedule, type DueWork } from "./payment-schedule.port";

export type { DueWorkPolicy };
export const RETRY_POLICY = Symbol("RETRY_POLICY");

/** Where the work's time and jitter come from: the system's, unless a test hands in its own. */
export interface DueWorkEnvironment {
  now(): Date;
  random(): number;
}

const systemEnvironment: DueWorkEnvironment = { now: () => new Date(), random: Math.random };

/**
 * One claimed piece of scheduled work: a charge attempt, a refund, or a
 * reconciliation of an abandoned payment. What to do is decided in the domain
 * (due-work.ts); this calls the bank outside any database transaction, then
 * records the outcome with the schedule change in one statement.
 */
@Injectable()
export class ProcessDueWork {
  private readonly logger = new Logger(ProcessDueWork.name);

  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
    private readonly bank: BankGateway,
    private readonly policy: DueWorkPolicy,
    private readonly environment: DueWorkEnvironment = systemEnvironment,
  ) {}

  async run(work: DueWork): Promise<void> {
    const state = await this.payments.load(work.paymentId);
    if (state.status === "none") return this.done(work);
    if (work.kind === "charge") return this.charge(work, state);
    if (work.kind === "refund") return this.refund(work, state);
    return this.reconcile(work, state);
  }

  private async charge(work: DueWork, payment: PaymentState): Promise<void> {
    if (payment.status !== "pending") return this.done(work);
    const causation = {
      correlationId: payment.correlationId,
      causationId: `payment-attempt-${randomUUID()}`,
    };
    try {
      // An earlier attempt may have reached the bank: ask before charging again.
      const known = work.startedBefore > 0 ? await this.bank.findCharge(payment.paymentId) : undefined;
      const step = chargeStep(payment, known, this.environment.now());
      if ("record" in step) return void (await this.record(work, step.record, causation));
      const outcome = await this.bank.charge({
        idempotencyKey: payment.paymentId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        reference: payment.orderId,
        paymentToken: payment.paymentToken,
      });
      await this.record(work, outcomeCommand(outcome, this.environment.now()), causation);
    } catch (error) {
      // A refused charge backs off like a failed one and ends at the deadline, instead of every lease.
      if (!(error instanceof BankUnavailable) && !(error instanceof BankRefused)) throw error;
      await this.record(
        work,
        chargeFailed(payment, error.message, this.policy, this.circumstances()),
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
      await this.record(
        work,
        { type: "RecordRefund", refundId, at: this.environment.now().toISOString() },
        causation,
      );
    } catch (error) {
      if (error instanceof BankRefused) return this.refundRefused(work, error);
      if (!(error instanceof BankUnavailable)) throw error;
      await this.later(work, this.policy.maxDelayMs);
    }
  }

  /** The bank refuses this refund as it stands: never dropped, retried with backoff, and a person is told. */
  private async refundRefused(work: DueWork, error: BankRefused): Promise<void> {
    const retryAt = retryRefusedRefund(this.policy, work.startedBefore, this.circumstances());
    this.logger.error(
      {
        paymentId: work.paymentId,
        status: error.status,
        error: error.message,
        retryInMs: retryAt.getTime() - this.environment.now().getTime(),
      },
      "refund refused by the bank; a person must look at it (retrying with backoff)",
    );
    await this.at(work, retryAt);
  }

  /** An abandoned payment whose attempts may have reached the bank: find out, so a stray capture is refunded. */
  private async reconcile(work: DueWork, payment: PaymentState): Promise<void> {
    if (payment.status !== "abandoned") return this.done(work);
    const causation = {
      correlationId: payment.correlationId,
      causationId: `payment-reconcile-${randomUUID()}`,
    };
    try {
      const known = await this.bank.findCharge(payment.paymentId);
      const step = reconcileStep(payment, known, this.environment.now(), this.policy.bankMaxProcessingMs);
      if ("record" in step) return void (await this.record(work, step.record, causation));
      if ("askAgainAt" in step) return this.at(work, step.askAgainAt);
      this.logger.log(
        { paymentId: payment.paymentId, found: known?.status ?? "none" },
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
    command: PaymentCommand,
    causation: Parameters<PaymentCommands["execute"]>[2],
  ): Promise<PaymentResult> {
    const change = (result: PaymentResult) =>
      scheduleAfter(work, command, result.state, this.environment.now());
    return this.payments.execute(work.paymentId, command, causation, {
      alsoWrite: (result) => this.writesOf(work, change(result)),
      afterCommit: (result) => {
        const next = change(result);
        if ("put" in next || next.thenReconcileAt) this.schedule.wakeWorker();
      },
    });
  }

  private writesOf(work: DueWork, change: ReturnType<typeof scheduleAfter>) {
    if ("put" in change) return [this.schedule.put(work.paymentId, change.put, change.dueAt)];
    const removal = this.schedule.remove(work.paymentId, change.remove);
    // One statement must not write a row twice: a put of the same work moves it instead.
    return change.thenReconcileAt
      ? [removal, this.schedule.put(work.paymentId, "reconcile", change.thenReconcileAt)]
      : [removal];
  }

  private circumstances(): Circumstances {
    return { now: this.environment.now(), random: this.environment.random() };
  }

  private async done(work: DueWork): Promise<void> {
    await this.schedule.apply(this.schedule.remove(work.paymentId, work.kind));
  }

  private async later(work: DueWork, delayMs: number): Promise<void> {
    await this.at(work, retryAfterUnavailable(delayMs, this.circumstances()));
  }

  private async at(work: DueWork, dueAt: Date): Promise<void> {
    await this.schedule.apply(this.schedule.put(work.paymentId, work.kind, dueAt));
    this.schedule.wakeWorker();
  }
}
