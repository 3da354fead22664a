import { Inject, Injectable } from "@nestjs/common";
import { continueTrace, PollingWorker, SERVICE_CONFIG, type WorkSignal } from "@peakshop/platform-nest";
import { PaymentSchedule } from "../../application/payment-schedule.port";
import { ProcessDueWork } from "../../application/process-due-work";
import type { PaymentConfig } from "../../config";
import { paymentWorkScheduled } from "../persistence/postgres-payment-schedule";

/**
 * Runs due payment work from the durable schedule, up to the bank concurrency
 * limit at once. Rows claimed by a killed worker come due again after their lease.
 */
@Injectable()
export class PaymentAttemptsWorker extends PollingWorker {
  constructor(
    private readonly schedule: PaymentSchedule,
    private readonly work: ProcessDueWork,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {
    super();
  }

  protected idleDelayMs(): number {
    return this.config.ATTEMPT_POLL_INTERVAL_MS;
  }

  protected override nextDueInMs(): Promise<number | undefined> {
    return this.schedule.nextDueInMs();
  }

  protected override wakeOn(): WorkSignal {
    return paymentWorkScheduled;
  }

  protected async round(): Promise<number> {
    const due = await this.schedule.claimDue(this.config.BANK_MAX_CONCURRENCY, this.config.ATTEMPT_LEASE_MS);
    const results = await Promise.allSettled(
      due.map((work) =>
        continueTrace(
          `payment ${work.kind}`,
          work.traceparent,
          { "peakshop.payment.id": work.paymentId },
          () => this.work.run(work),
        ),
      ),
    );
    for (const result of results) {
      if (result.status === "rejected")
        this.logger.error(
          { err: result.reason },
          "scheduled payment work failed; it comes due again after its lease",
        );
    }
    return due.length;
  }
}
