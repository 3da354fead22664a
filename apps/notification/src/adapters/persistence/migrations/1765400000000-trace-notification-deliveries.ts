import type { MigrationInterface, QueryRunner } from "typeorm";

/** A delivery keeps the trace that decided it, so an e-mail or webhook sent later continues the checkout's trace. */
export class TraceNotificationDeliveries1765400000000 implements MigrationInterface {
  name = "TraceNotificationDeliveries1765400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Nullable with no default: adding it rewrites nothing, whatever the table's size.
    await queryRunner.query(`ALTER TABLE notification_deliveries ADD COLUMN traceparent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_deliveries DROP COLUMN traceparent`);
  }
}
