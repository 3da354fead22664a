import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from "@nestjs/common";
import { PaymentCommands } from "../../application/payment-commands";

/** Internal: a payment's current state, for operators and tests (the token is never shown). */
@Controller("v1/payments")
export class PaymentsController {
  constructor(private readonly payments: PaymentCommands) {}

  @Get(":paymentId")
  async get(@Param("paymentId", new ParseUUIDPipe()) paymentId: string) {
    const state = await this.payments.load(paymentId);
    if (state.status === "none") throw new NotFoundException(`no payment ${paymentId}`);
    const { paymentToken: _token, ...visible } = state;
    return visible;
  }
}
