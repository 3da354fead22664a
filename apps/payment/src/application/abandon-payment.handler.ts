import { Injectable } from "@nestjs/common";
import type { AbandonPayment } from "@peakshop/contracts";
import type { EntityManager } from "typeorm";
import { PaymentCommands } from "./payment-commands";
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

  async handle(manager: EntityManager, request: AbandonPayment, causation: Causation): Promise<void> {
    const at = new Date();
    await this.payments.execute(
      request.paymentId,
      { type: "Abandon", reason: "cancelled", at: at.toISOString() },
      causation,
      {
        manager,
        afterAppend: async (tx, result) => {
          if (result.events.length === 0) return;
          await this.schedule.remove(tx, request.paymentId, "charge");
          await this.schedule.put(tx, request.paymentId, "reconcile", at);
        },
      },
    );
  }
}
