import { Injectable } from "@nestjs/common";
import { randomUUID } from "node:crypto";
import { decideRefund, type RefundDecision, type RefundRequest } from "../domain/refund";
import { BankLedgerStore } from "./bank-ledger.port";

/** Refunds part or all of a captured charge, once per idempotency key. */
@Injectable()
export class CreateRefundHandler {
  constructor(private readonly store: BankLedgerStore) {}

  execute(idempotencyKey: string, request: RefundRequest): Promise<RefundDecision> {
    const command = { idempotencyKey, request, refundId: randomUUID(), at: new Date() };
    return this.store.recordRefund(command, (context) => decideRefund(command, context));
  }
}
