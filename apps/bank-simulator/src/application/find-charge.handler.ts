import { Injectable } from "@nestjs/common";
import type { Charge } from "../domain/charge";
import { BankLedgerStore } from "./bank-ledger.port";

/** The charge made with an idempotency key: how a client learns the outcome of a call it lost. */
@Injectable()
export class FindChargeHandler {
  constructor(private readonly store: BankLedgerStore) {}

  execute(idempotencyKey: string): Promise<Charge | undefined> {
    return this.store.findChargeByKey(idempotencyKey);
  }
}
