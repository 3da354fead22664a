import { Injectable } from "@nestjs/common";
import type { RefundPayment } from "@peakshop/contracts";
import type { InboxOutcome } from "@peakshop/eventsourcing";
import { PaymentCommands, type ConsumedIn } from "./payment-commands";
import type { Causation } from "./payment-messages";
import { PaymentSchedule } from "./payment-schedule.port";

/** A capture arrived after its order was cancelled: record the refund and schedule it at the bank. */
@Injectable()
export class RefundPaymentHandler {
  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
  ) {}

  handle(
    request: RefundPayment,
    causation: Causation,
    within: ConsumedIn,
  ): Promise<InboxOutcome | undefined> {
    const at = new Date();
    return this.payments.consume(
      request.paymentId,
      { type: "RequestRefund", amountCents: request.amountCents, at: at.toISOString() },
      causation,
      within,
      {
        alsoWrite: () => [this.schedule.put(request.paymentId, "refund", at)],
        afterCommit: () => this.schedule.wakeWorker(),
      },
    );
  }
}
