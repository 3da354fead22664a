import { Injectable } from "@nestjs/common";
import type { RequestPayment } from "@peakshop/contracts";
import type { InboxOutcome } from "@peakshop/eventsourcing";
import { PaymentCommands, type ConsumedIn } from "./payment-commands";
import type { Causation } from "./payment-messages";
import { PaymentSchedule } from "./payment-schedule.port";

/** The order saga asked for a charge: record the payment and schedule its first attempt now. */
@Injectable()
export class RequestPaymentHandler {
  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
  ) {}

  handle(
    request: RequestPayment,
    causation: Causation,
    within: ConsumedIn,
  ): Promise<InboxOutcome | undefined> {
    const at = new Date();
    return this.payments.consume(
      request.paymentId,
      { type: "RequestPayment", ...request, correlationId: causation.correlationId, at: at.toISOString() },
      causation,
      within,
      {
        alsoWrite: () => [this.schedule.put(request.paymentId, "charge", at)],
        afterCommit: () => this.schedule.wakeWorker(),
      },
    );
  }
}
