import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateOrders1764080000000 implements MigrationInterface {
  name = "CreateOrders1764080000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_deadlines (
        order_id uuid PRIMARY KEY,
        due_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX order_deadlines_due ON order_deadlines (due_at)`);
    // The read model: the order's folded state, plus the columns queries filter on.
    await queryRunner.query(`
      CREATE TABLE orders_view (
        order_id uuid PRIMARY KEY,
        customer_id text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        placed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX orders_view_customer ON orders_view (customer_id, placed_at DESC, order_id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE orders_view`);
    await queryRunner.query(`DROP TABLE order_deadlines`);
  }
}
