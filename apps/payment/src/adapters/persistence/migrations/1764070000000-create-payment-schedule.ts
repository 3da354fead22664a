import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreatePaymentSchedule1764070000000 implements MigrationInterface {
  name = "CreatePaymentSchedule1764070000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_schedule (
        payment_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('charge', 'refund', 'reconcile')),
        due_at timestamptz NOT NULL,
        attempts_started integer NOT NULL DEFAULT 0,
        PRIMARY KEY (payment_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX payment_schedule_due ON payment_schedule (due_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payment_schedule`);
  }
}
