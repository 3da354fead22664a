import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The event store, outbox, inbox and projection checkpoints; every
 * event-sourced service includes these migrations in its own database.
 */
export class CreateEventStore1764060000000 implements MigrationInterface {
  name = "CreateEventStore1764060000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // transaction_id lets readers of the global order wait for transactions
    // still in flight, so an event that commits late is never skipped.
    await queryRunner.query(`
      CREATE TABLE es_events (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 1),
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL DEFAULT 1,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_version)
      )`);
    await queryRunner.query(
      `CREATE INDEX es_events_transaction_order ON es_events (transaction_id, global_position)`,
    );
    await queryRunner.query(`
      CREATE TABLE es_snapshots (
        stream_id text PRIMARY KEY,
        version integer NOT NULL,
        state jsonb NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE es_outbox (
        id bigserial PRIMARY KEY,
        slot smallint NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        value text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX es_outbox_slot_order ON es_outbox (slot, id)`);
    await queryRunner.query(`
      CREATE TABLE es_inbox (
        consumer text NOT NULL,
        message_id text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE es_projection_checkpoints (
        projection text PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT '0',
        global_position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["es_projection_checkpoints", "es_inbox", "es_outbox", "es_snapshots", "es_events"]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
