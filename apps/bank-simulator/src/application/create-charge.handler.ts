import { Injectable } from "@nestjs/common";
import { randomUUID } from "node:crypto";
import { decideCharge, type ChargeDecision, type ChargeRequest } from "../domain/charge";
import { BankLedgerStore } from "./bank-ledger.port";

/**
 * Charges once per idempotency key. The new charge is decided first and
 * inserted unless the key has one (no read-then-write race); if it had one,
 * the stored charge is replayed or, for a different request, refused.
 */
@Injectable()
export class CreateChargeHandler {
  constructor(private readonly store: BankLedgerStore) {}

  async execute(
    idempotencyKey: string,
    request: ChargeRequest,
    forcedDecline: boolean,
  ): Promise<ChargeDecision> {
    const command = { idempotencyKey, request, chargeId: randomUUID(), at: new Date(), forcedDecline };
    const fresh = decideCharge(command, undefined);
    const { inserted, stored } = await this.store.insertChargeIfAbsent(fresh.charge);
    return inserted ? fresh : decideCharge(command, stored);
  }
}
