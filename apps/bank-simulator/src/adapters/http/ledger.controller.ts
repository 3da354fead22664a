import { Controller, Get, Query, UseFilters } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import { ReadLedgerHandler } from "../../application/read-ledger.handler";
import { BankProblemsFilter } from "./bank-problems.filter";
import { ledgerQuery } from "./bank.requests";
import { chargeView, refundView } from "./bank.views";

/** Not subject to faults: it is the tests' view of the truth, not part of the bank's API under load. */
@Controller("v1/ledger")
@UseFilters(BankProblemsFilter)
export class LedgerController {
  constructor(private readonly readLedger: ReadLedgerHandler) {}

  @Get()
  async ledger(@Query() query: unknown) {
    const { charges, refunds } = await this.readLedger.execute(parseRequest(ledgerQuery, query, "query"));
    return { charges: charges.map(chargeView), refunds: refunds.map(refundView) };
  }
}
