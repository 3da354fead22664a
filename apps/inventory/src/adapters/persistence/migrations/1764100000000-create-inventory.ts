import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateInventory1764100000000 implements MigrationInterface {
  name = "CreateInventory1764100000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // `stock` is what was put on sale; every item of it is at all times either
    // available (in a bucket), held (live reservation) or sold (committed).
    await queryRunner.query(`
      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        price_cents bigint NOT NULL CHECK (price_cents >= 0),
        currency char(3) NOT NULL,
        stock integer NOT NULL CHECK (stock >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // A SKU's available stock over several rows, so concurrent buyers lock
    // different rows; the CHECK is the last line of defence against overselling.
    // Low fillfactor: the hot rows are updated in place (HOT) without index work.
    await queryRunner.query(`
      CREATE TABLE stock_buckets (
        sku text NOT NULL REFERENCES products (sku),
        bucket smallint NOT NULL CHECK (bucket >= 0),
        available integer NOT NULL CHECK (available >= 0),
        PRIMARY KEY (sku, bucket)
      ) WITH (fillfactor = 50)`);
    await queryRunner.query(`
      CREATE TABLE reservations (
        order_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('held', 'rejected', 'committed', 'released')),
        lines jsonb NOT NULL,
        unavailable jsonb,
        hold_until timestamptz NOT NULL,
        release_reason text,
        version integer NOT NULL,
        correlation_id text NOT NULL,
        last_message_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The sweeper's queue: only live holds, oldest deadline first.
    await queryRunner.query(
      `CREATE INDEX reservations_due ON reservations (hold_until) WHERE status = 'held'`,
    );
    // Which buckets a hold took its items from: released items go back there.
    await queryRunner.query(`
      CREATE TABLE reservation_allocations (
        order_id uuid NOT NULL REFERENCES reservations (order_id),
        sku text NOT NULL,
        bucket smallint NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku, bucket)
      )`);
    await queryRunner.query(`CREATE INDEX reservation_allocations_sku ON reservation_allocations (sku)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reservation_allocations`);
    await queryRunner.query(`DROP TABLE reservations`);
    await queryRunner.query(`DROP TABLE stock_buckets`);
    await queryRunner.query(`DROP TABLE products`);
  }
}
