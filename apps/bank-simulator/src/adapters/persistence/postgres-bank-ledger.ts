import { Injectable } from "@nestjs/common";
import { DataSource, In, type EntityManager } from "typeorm";
import { BankLedgerStore, type Ledger } from "../../application/bank-ledger.port";
import type { Charge } from "../../domain/charge";
import type { CreateRefund, Refund, RefundContext, RefundDecision } from "../../domain/refund";
import { BankChargeEntity } from "./bank-charge.entity";
import { BankRefundEntity } from "./bank-refund.entity";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OLDEST_FIRST = { createdAt: "ASC", idempotencyKey: "ASC" } as const;

const toCharge = ({ declineReason, ...row }: BankChargeEntity): Charge =>
  declineReason === null ? { ...row } : { ...row, declineReason };
const toRefund = (row: BankRefundEntity): Refund => ({ ...row });

@Injectable()
export class PostgresBankLedger extends BankLedgerStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insertChargeIfAbsent(charge: Charge): Promise<{ inserted: boolean; stored: Charge }> {
    // One statement: a concurrent insert of the same key waits for the first to
    // commit, then does nothing; the row read next is the winner's.
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO bank_charges
         (charge_id, idempotency_key, amount_cents, currency, reference, payment_token, status, decline_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING charge_id`,
      [
        charge.chargeId,
        charge.idempotencyKey,
        charge.amountCents,
        charge.currency,
        charge.reference,
        charge.paymentToken,
        charge.status,
        charge.declineReason ?? null,
        charge.createdAt,
      ],
    );
    if (rows.length === 1) return { inserted: true, stored: charge };
    const stored = await this.findChargeByKey(charge.idempotencyKey);
    if (!stored) throw new Error(`charge of key ${charge.idempotencyKey} conflicted but cannot be read`);
    return { inserted: false, stored };
  }

  async findChargeByKey(idempotencyKey: string): Promise<Charge | undefined> {
    const row = await this.dataSource.getRepository(BankChargeEntity).findOneBy({ idempotencyKey });
    return row ? toCharge(row) : undefined;
  }

  recordRefund(
    command: CreateRefund,
    decide: (context: RefundContext) => RefundDecision,
  ): Promise<RefundDecision> {
    return this.dataSource.transaction(async (manager) => {
      // The charge's row lock serializes refunds of one charge; the key and the
      // sum are read after it, so they include every refund committed before.
      const charge = await this.lockCharge(manager, command.request.chargeId);
      const context = async (): Promise<RefundContext> => ({
        existing: await this.refundOfKey(manager, command.idempotencyKey),
        charge,
        refundedCents: charge ? await this.refundedCents(manager, charge.chargeId) : 0,
      });
      const decision = decide(await context());
      if (decision.kind === "replayed") return decision;
      const { refund } = decision;
      const rows: unknown[] = await manager.query(
        `INSERT INTO bank_refunds (refund_id, idempotency_key, charge_id, amount_cents, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING refund_id`,
        [refund.refundId, refund.idempotencyKey, refund.chargeId, refund.amountCents, refund.createdAt],
      );
      // Lost the key to a concurrent refund of another charge: decide again with it.
      return rows.length === 1 ? decision : decide(await context());
    });
  }

  async ledger(filter: { reference?: string }): Promise<Ledger> {
    const chargeRows = await this.dataSource.getRepository(BankChargeEntity).find({
      where: filter.reference === undefined ? {} : { reference: filter.reference },
      order: OLDEST_FIRST,
    });
    const refundRows = await this.dataSource.getRepository(BankRefundEntity).find({
      where: filter.reference === undefined ? {} : { chargeId: In(chargeRows.map((row) => row.chargeId)) },
      order: OLDEST_FIRST,
    });
    return { charges: chargeRows.map(toCharge), refunds: refundRows.map(toRefund) };
  }

  private async lockCharge(manager: EntityManager, chargeId: string): Promise<Charge | undefined> {
    if (!UUID.test(chargeId)) return undefined; // not an id this bank ever gave out
    const row = await manager
      .getRepository(BankChargeEntity)
      .createQueryBuilder("charge")
      .setLock("pessimistic_write")
      .where("charge.chargeId = :chargeId", { chargeId })
      .getOne();
    return row ? toCharge(row) : undefined;
  }

  private async refundOfKey(manager: EntityManager, idempotencyKey: string): Promise<Refund | undefined> {
    const row = await manager.getRepository(BankRefundEntity).findOneBy({ idempotencyKey });
    return row ? toRefund(row) : undefined;
  }

  private async refundedCents(manager: EntityManager, chargeId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT coalesce(sum(amount_cents), 0)::text AS total FROM bank_refunds WHERE charge_id = $1`,
      [chargeId],
    )) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}
