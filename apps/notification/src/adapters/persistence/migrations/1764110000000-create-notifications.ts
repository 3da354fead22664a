import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Notifications and their deliveries, the orders being followed, and the
 * public payment status. Unique keys make "exactly once" a database fact:
 * one notification per dedupe key, one delivery per (notification, channel,
 * target), one CustomerNotified per (notification, channel), one open incident.
 */
export class CreateNotifications1764110000000 implements MigrationInterface {
  name = "CreateNotifications1764110000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        customer_id text NOT NULL,
        order_id uuid,
        kind text NOT NULL,
        message text NOT NULL,
        subject text NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        source_event_id text NOT NULL,
        correlation_id text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX notifications_feed ON notifications (customer_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_by_order ON notifications (order_id) WHERE order_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (notification_id, channel, target)
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE notified_channels (
        notification_id uuid NOT NULL REFERENCES notifications (id),
        channel text NOT NULL CHECK (channel IN ('in-app', 'email', 'webhook')),
        notified_at timestamptz NOT NULL,
        PRIMARY KEY (notification_id, channel)
      )`);
    await queryRunner.query(`
      CREATE TABLE tracked_orders (
        order_id uuid PRIMARY KEY,
        customer_id text NOT NULL,
        payment_deadline timestamptz,
        first_delayed_at timestamptz,
        last_delayed_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX tracked_orders_delayed ON tracked_orders (first_delayed_at) WHERE finished_at IS NULL AND first_delayed_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE payment_status (
        id smallint PRIMARY KEY CHECK (id = 1),
        payments text NOT NULL CHECK (payments IN ('operational', 'degraded', 'outage')),
        since timestamptz NOT NULL,
        message text NOT NULL,
        last_report_at timestamptz
      )`);
    await queryRunner.query(
      `INSERT INTO payment_status (id, payments, since, message) VALUES (1, 'operational', now(), 'Payments are working normally.')`,
    );
    await queryRunner.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL,
        resolved_at timestamptz,
        message text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX incidents_one_open ON incidents ((true)) WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX incidents_newest ON incidents (started_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      "incidents",
      "payment_status",
      "tracked_orders",
      "notified_channels",
      "notification_deliveries",
      "notifications",
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
