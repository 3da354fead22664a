import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateIdempotencyKeys1764200000000 implements MigrationInterface {
  name = "CreateIdempotencyKeys1764200000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keys are per customer: two customers may pick the same key. The primary
    // key is the unique (customer_id, key) that concurrent claims race on.
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        customer_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, key)
      )`);
    // For expiring old keys by age.
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
