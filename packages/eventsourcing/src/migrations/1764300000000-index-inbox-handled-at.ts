import type { MigrationInterface, QueryRunner } from "typeorm";

/** Lets the inbox's retention sweep find old records without reading the whole table. */
export class IndexInboxHandledAt1764300000000 implements MigrationInterface {
  name = "IndexInboxHandledAt1764300000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS es_inbox_handled_at ON es_inbox (handled_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS es_inbox_handled_at`);
  }
}
