import { Body, Controller, Get, Put, UseFilters } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import { NO_FAULTS } from "../../domain/faults";
import { BankProblemsFilter } from "./bank-problems.filter";
import { faultsBody } from "./bank.requests";
import { FaultInjector } from "./fault-injector";

/** Test control: which faults the bank plays. Not itself subject to faults. */
@Controller("v1/faults")
@UseFilters(BankProblemsFilter)
export class FaultsController {
  constructor(private readonly faults: FaultInjector) {}

  @Get()
  get() {
    return this.faults.state();
  }

  /** Replaces the whole setting: omitted fields take their defaults, so `{}` turns every fault off. */
  @Put()
  put(@Body() body: unknown) {
    return this.faults.replace({ ...NO_FAULTS, ...parseRequest(faultsBody, body ?? {}, "body") });
  }
}
