import { Column, Entity, PrimaryColumn } from "typeorm";
import { bigintAsNumber } from "./bigint.transformer";

/** One refund per idempotency key, of a captured charge. */
@Entity({ name: "bank_refunds" })
export class BankRefundEntity {
  @PrimaryColumn({ name: "refund_id", type: "uuid" })
  refundId!: string;

  @Column({ name: "idempotency_key", type: "text", unique: true })
  idempotencyKey!: string;

  @Column({ name: "charge_id", type: "uuid" })
  chargeId!: string;

  @Column({ name: "amount_cents", type: "bigint", transformer: bigintAsNumber })
  amountCents!: number;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
