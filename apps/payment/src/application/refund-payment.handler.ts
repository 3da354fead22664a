import { Injectable } from "@nestjs/common";
import type { RefundPayment } from "@peakshop/contracts";
import type { EntityManager } from "typeorm";
import { PaymentCommands } from "./payment-commands";
import type { Causation } from "./payment-messages";
import { PaymentSchedule } from "./payment-schedule.port";

/** A capture arrived after its order was cancelled: record the refund and schedule it at the bank. */
@Injectable()
export class RefundPaymentHandler {
  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
  ) {}

  async handle(manager: EntityManager, request: RefundPayment, causation: Causation): Promise<void> {
    const at = new Date();
    await this.payments.execute(
      request.paymentId,
      { type: "RequestRefund", amountCents: request.amountCents, at: at.toISOString() },
      causation,
      {
        manager,
        afterAppend: async (tx, result) => {
          if (result.events.length > 0) await this.schedule.put(tx, request.paymentId, "refund", at);
        },
      },
    );
  }
}
