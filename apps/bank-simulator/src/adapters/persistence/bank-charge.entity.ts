import { Column, Entity, PrimaryColumn } from "typeorm";
import type { ChargeStatus, DeclineReason } from "../../domain/charge";
import { bigintAsNumber } from "./bigint.transformer";

/** One charge per idempotency key (unique index), captured or declined. */
@Entity({ name: "bank_charges" })
export class BankChargeEntity {
  @PrimaryColumn({ name: "charge_id", type: "uuid" })
  chargeId!: string;

  @Column({ name: "idempotency_key", type: "text", unique: true })
  idempotencyKey!: string;

  @Column({ name: "amount_cents", type: "bigint", transformer: bigintAsNumber })
  amountCents!: number;

  @Column({ type: "text" })
  currency!: string;

  @Column({ type: "text" })
  reference!: string;

  /** Kept to tell a replay (same request) from a reused key (different request). */
  @Column({ name: "payment_token", type: "text" })
  paymentToken!: string;

  @Column({ type: "text" })
  status!: ChargeStatus;

  @Column({ name: "decline_reason", type: "text", nullable: true })
  declineReason!: DeclineReason | null;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
