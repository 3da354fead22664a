import { Injectable } from "@nestjs/common";
import type { RequestPayment } from "@peakshop/contracts";
import type { EntityManager } from "typeorm";
import { PaymentCommands } from "./payment-commands";
import type { Causation } from "./payment-messages";
import { PaymentSchedule } from "./payment-schedule.port";

/** The order saga asked for a charge: record the payment and schedule its first attempt now. */
@Injectable()
export class RequestPaymentHandler {
  constructor(
    private readonly payments: PaymentCommands,
    private readonly schedule: PaymentSchedule,
  ) {}

  async handle(manager: EntityManager, request: RequestPayment, causation: Causation): Promise<void> {
    const at = new Date();
    await this.payments.execute(
      request.paymentId,
      { type: "RequestPayment", ...request, correlationId: causation.correlationId, at: at.toISOString() },
      causation,
      {
        manager,
        afterAppend: async (tx, result) => {
          if (result.events.length > 0) await this.schedule.put(tx, request.paymentId, "charge", at);
        },
      },
    );
  }
}
