import { Injectable } from "@nestjs/common";
import { BankLedgerStore, type Ledger } from "./bank-ledger.port";

/** The whole ledger, for reconciliation in tests (captured minus refunded per order). */
@Injectable()
export class ReadLedgerHandler {
  constructor(private readonly store: BankLedgerStore) {}

  execute(filter: { reference?: string }): Promise<Ledger> {
    return this.store.ledger(filter);
  }
}
