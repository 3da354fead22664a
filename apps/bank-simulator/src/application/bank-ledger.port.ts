import type { Charge } from "../domain/charge";
import type { CreateRefund, Refund, RefundContext, RefundDecision } from "../domain/refund";

export interface Ledger {
  charges: Charge[];
  refunds: Refund[];
}

/** The bank's books: charges and refunds, one of each per idempotency key. */
export abstract class BankLedgerStore {
  /**
   * Stores the charge unless its idempotency key already has one, atomically
   * (of concurrent callers with one key exactly one inserts); returns what the
   * key holds afterwards.
   */
  abstract insertChargeIfAbsent(charge: Charge): Promise<{ inserted: boolean; stored: Charge }>;

  abstract findChargeByKey(idempotencyKey: string): Promise<Charge | undefined>;

  /**
   * Decides and stores a refund in one transaction that holds the charge, so
   * concurrent refunds of one charge are decided one after the other and can
   * never together exceed what was captured.
   */
  abstract recordRefund(
    command: CreateRefund,
    decide: (context: RefundContext) => RefundDecision,
  ): Promise<RefundDecision>;

  /** Every charge and refund, oldest first; only those of one reference if given. */
  abstract ledger(filter: { reference?: string }): Promise<Ledger>;
}
