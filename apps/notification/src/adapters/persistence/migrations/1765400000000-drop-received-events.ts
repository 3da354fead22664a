import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The walking skeleton's received events are gone with the skeleton: the
 * table leaves the databases that had it. Its creating migration was removed,
 * so a new database never has it.
 */
export class DropReceivedEvents1765400000000 implements MigrationInterface {
  name = "DropReceivedEvents1765400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS received_events`);
  }

  async down(): Promise<void> {
    // Nothing to restore: no code reads or writes it any more.
  }
}
