import { Controller, Get } from "@nestjs/common";
import { PaymentStatusRepository } from "../persistence/payment-status.repository";

/** The public payment status and its recent incidents (the gateway serves it without auth). */
@Controller("v1/status")
export class StatusController {
  constructor(private readonly status: PaymentStatusRepository) {}

  @Get()
  get() {
    return this.status.view();
  }
}
