import type { MigrationInterface, QueryRunner } from "typeorm";

/** Scheduled work keeps the trace that scheduled it, so a charge run later continues the checkout's trace. */
export class TracePaymentSchedule1765200000000 implements MigrationInterface {
  name = "TracePaymentSchedule1765200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Nullable with no default: adding it rewrites nothing, whatever the table's size.
    await queryRunner.query(`ALTER TABLE payment_schedule ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payment_schedule DROP COLUMN traceparent`);
  }
}
