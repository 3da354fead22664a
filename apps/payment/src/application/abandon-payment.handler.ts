import { Injectable } from "@nestjs/common";
import type { AbandonPayment } from "@peakshop/contracts";
import type { InboxOutcome } from "@peakshop/eventsourcing";
import { PaymentCommands, type ConsumedIn } from "./payment-commands";
import type { Causation } from "./payment-messages";
import { PaymentSchedule } from "./payment-schedule.port";

/**
 * The order was cancelled: stop charging. No further attempt is made, and the
 * bank is asked about the payment until its processing window has passed
 * (ProcessDueWork's reconcile), since an attempt sent before may still be
 * captured: such a capture is recorded, and the order saga refunds it. A
 * payment that already ended (captured, declined, abandoned) is left as it is.
 */
@Injectable()
export class AbandonPaymentHandler {
  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
  ) {}

  handle(
    request: AbandonPayment,
    causation: Causation,
    within: ConsumedIn,
  ): Promise<InboxOutcome | undefined> {
    const at = new Date();
    return this.payments.consume(
      request.paymentId,
      { type: "Abandon", reason: "cancelled", at: at.toISOString() },
      causation,
      within,
      {
        alsoWrite: () => [
          this.schedule.remove(request.paymentId, "charge"),
          this.schedule.put(request.paymentId, "reconcile", at),
        ],
        afterCommit: () => this.schedule.wakeWorker(),
      },
    );
  }
}
