import type { MigrationInterface, QueryRunner } from "typeorm";

/** Each incident's public timeline: status changes, and updates and apologies posted by people. */
export class CreateIncidentUpdates1765300000000 implements MigrationInterface {
  name = "CreateIncidentUpdates1765300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_updates (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents (id),
        at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('status', 'update', 'apology')),
        message text NOT NULL,
        collapsible boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      `CREATE INDEX incident_updates_incident_id ON incident_updates (incident_id, at, id)`,
    );
    // Incidents from before the timeline start it with their opening (and end, if they ended).
    await queryRunner.query(`
      INSERT INTO incident_updates (incident_id, at, kind, message)
      SELECT id, started_at, 'status', message FROM incidents`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE incident_updates`);
  }
}
