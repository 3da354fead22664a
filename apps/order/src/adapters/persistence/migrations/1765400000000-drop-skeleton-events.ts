import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The walking skeleton's read model is gone with the skeleton: its table and
 * its projection's checkpoint leave the databases that had them. Its creating
 * migration was removed, so a new database never has either.
 */
export class DropSkeletonEvents1765400000000 implements MigrationInterface {
  name = "DropSkeletonEvents1765400000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS skeleton_events`);
    await queryRunner.query(`DELETE FROM es_projection_checkpoints WHERE projection = 'skeleton-events'`);
  }

  async down(): Promise<void> {
    // Nothing to restore: no code reads or writes it any more.
  }
}
