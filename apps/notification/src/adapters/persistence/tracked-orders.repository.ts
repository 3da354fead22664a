import { Injectable } from "@nestjs/common";
import type { SqlStatement } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";
import type { DelayedOrder, OrderFact } from "../../domain/notification.types";
import type { TrackedOrders } from "../../application/notification-store.ports";
import { queryRows } from "./query-rows";

/**
 * What notification remembers of each order: whose it is, whether its payment
 * was delayed and whether it is final, so an incident's end can find the
 * customers still waiting. Facts arrive on different topics in any order, so
 * every write is an upsert that only ever widens what is known.
 */
@Injectable()
export class TrackedOrdersRepository implements TrackedOrders {
  /** Remembers a fact's order: a write for the statement that holds the fact's other writes. */
  trackStatement(fact: OrderFact): SqlStatement {
    const [deadline, delayedAt, finishedAt] =
      fact.type === "OrderPlaced"
        ? [null, null, null]
        : fact.type === "PaymentRetryScheduled"
          ? [fact.deadline, fact.at, null]
          : [null, null, fact.at];
    return {
      text: `INSERT INTO tracked_orders (order_id, customer_id, payment_deadline, first_delayed_at, last_delayed_at, finished_at)
       VALUES ($1, $2, $3, $4, $4, $5)
       ON CONFLICT (order_id) DO UPDATE SET
         payment_deadline = COALESCE(EXCLUDED.payment_deadline, tracked_orders.payment_deadline),
         first_delayed_at = LEAST(tracked_orders.first_delayed_at, EXCLUDED.first_delayed_at),
         last_delayed_at = GREATEST(tracked_orders.last_delayed_at, EXCLUDED.last_delayed_at),
         finished_at = COALESCE(tracked_orders.finished_at, EXCLUDED.finished_at)`,
      values: [fact.orderId, fact.customerId, deadline, delayedAt, finishedAt],
    };
  }

  /**
   * Orders whose payment was delayed at or before `at` and that are still
   * open then: not final, and their deadline not yet passed.
   */
  async delayedAndOpen(manager: EntityManager, at: string): Promise<DelayedOrder[]> {
    const rows = await queryRows<{ order_id: string; customer_id: string }>(
      manager,
      `SELECT order_id, customer_id FROM tracked_orders
        WHERE first_delayed_at IS NOT NULL AND first_delayed_at <= $1 AND finished_at IS NULL
          AND (payment_deadline IS NULL OR payment_deadline > $1)
        ORDER BY customer_id, order_id`,
      [at],
    );
    return rows.map((row) => ({ orderId: row.order_id, customerId: row.customer_id }));
  }

  /**
   * Customers with an order whose payment was held up while the incident was
   * open: its delays and the incident overlap. Runs once per posted apology,
   * so a scan of tracked_orders is paid rarely.
   */
  async customersDelayedDuring(manager: EntityManager, startedAt: Date, resolvedAt: Date): Promise<string[]> {
    const rows = await queryRows<{ customer_id: string }>(
      manager,
      `SELECT DISTINCT customer_id FROM tracked_orders
        WHERE first_delayed_at IS NOT NULL AND first_delayed_at <= $2 AND last_delayed_at >= $1`,
      [startedAt, resolvedAt],
    );
    return rows.map((row) => row.customer_id);
  }
}
