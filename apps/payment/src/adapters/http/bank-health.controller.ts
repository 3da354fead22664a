import { Controller, Get } from "@nestjs/common";
import { BankHealthWindow } from "../bank/bank-health-window";

/** Internal: this instance's circuit toward the bank and the bank's recent error rate (the operator console shows it). */
@Controller("v1/bank")
export class BankHealthController {
  constructor(private readonly health: BankHealthWindow) {}

  @Get("health")
  get() {
    return this.health.view();
  }
}
