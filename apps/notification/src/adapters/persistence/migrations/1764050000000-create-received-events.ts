import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateReceivedEvents1764050000000 implements MigrationInterface {
  name = "CreateReceivedEvents1764050000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE received_events (
        event_id uuid PRIMARY KEY,
        message text NOT NULL,
        recorded_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE received_events`);
  }
}
