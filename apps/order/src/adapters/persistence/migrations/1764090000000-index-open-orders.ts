import type { MigrationInterface, QueryRunner } from "typeorm";

/** Open orders: the statuses before a final one (adapters/persistence/open-orders.ts repeats it for the queries). */
const OPEN_ORDERS_PREDICATE = `status IN ('PLACED', 'STOCK_RESERVED', 'PAYMENT_PENDING')`;

/**
 * The open orders, for the scrape-time metrics (peakshop_orders_open,
 * peakshop_orders_past_deadline): a partial index stays as small as the orders
 * in flight, while orders_view keeps every order ever placed. Built
 * CONCURRENTLY, outside a transaction, so a large orders_view keeps taking
 * writes meanwhile.
 */
export class IndexOpenOrders1764090000000 implements MigrationInterface {
  name = "IndexOpenOrders1764090000000";
  transaction = false as const;

  async up(queryRunner: QueryRunner): Promise<void> {
    // A build that failed half-way leaves an invalid index behind; drop it and build again.
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS orders_view_open`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY orders_view_open ON orders_view (status) WHERE ${OPEN_ORDERS_PREDICATE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS orders_view_open`);
  }
}
