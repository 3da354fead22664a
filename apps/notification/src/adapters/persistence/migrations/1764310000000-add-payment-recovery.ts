import type { MigrationInterface, QueryRunner } from "typeorm";

/** Since when payments are back up while their incident stays open (the quiet period before it ends). */
export class AddPaymentRecovery1764310000000 implements MigrationInterface {
  name = "AddPaymentRecovery1764310000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payment_status ADD COLUMN recovering_since timestamptz`);
    // An incident left open by the code before this column (payments already back up) recovers from now on.
    await queryRunner.query(`
      UPDATE payment_status SET recovering_since = now()
       WHERE payments = 'operational' AND EXISTS (SELECT 1 FROM incidents WHERE resolved_at IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payment_status DROP COLUMN recovering_since`);
  }
}
