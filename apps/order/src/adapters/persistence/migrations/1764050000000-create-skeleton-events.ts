import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateSkeletonEvents1764050000000 implements MigrationInterface {
  name = "CreateSkeletonEvents1764050000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE skeleton_events (
        event_id uuid PRIMARY KEY,
        message text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE skeleton_events`);
  }
}
