import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateBankLedger1764090000000 implements MigrationInterface {
  name = "CreateBankLedger1764090000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // The unique idempotency keys are what make concurrent retries create one
    // charge or refund: inserts use ON CONFLICT on them.
    await queryRunner.query(`
      CREATE TABLE bank_charges (
        charge_id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        currency text NOT NULL,
        reference text NOT NULL,
        payment_token text NOT NULL,
        status text NOT NULL CHECK (status IN ('captured', 'declined')),
        decline_reason text,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX bank_charges_reference ON bank_charges (reference)`);
    await queryRunner.query(`
      CREATE TABLE bank_refunds (
        refund_id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        charge_id uuid NOT NULL REFERENCES bank_charges (charge_id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX bank_refunds_charge ON bank_refunds (charge_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bank_refunds`);
    await queryRunner.query(`DROP TABLE bank_charges`);
  }
}
