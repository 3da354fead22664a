import { Injectable } from "@nestjs/common";
import { gaugeReadAtScrape } from "@peakshop/platform-nest";
import { Registry } from "prom-client";
import { DataSource } from "typeorm";
import { OPEN_ORDERS_PREDICATE, OPEN_STATUSES } from "../persistence/open-orders";

/**
 * A deadline passed this long ago should have been acted on: the deadlines
 * worker polls every DEADLINE_POLL_INTERVAL_MS (250 ms by default) and leases
 * a claimed deadline for 30 s, so a minute late means it is stuck or failing.
 */
const OVERDUE_AFTER_SECONDS = 60;

/**
 * Orders in flight, read from orders_view at scrape time. Both queries repeat
 * the predicate of the partial index orders_view_open word for word (so the
 * planner can use it) and so touch only open orders, however many final ones
 * the table holds.
 */
@Injectable()
export class OpenOrdersMetrics {
  constructor(registry: Registry, dataSource: DataSource) {
    gaugeReadAtScrape(registry, {
      name: "peakshop_orders_open",
      help: "Orders not yet final, by status (PLACED, STOCK_RESERVED, PAYMENT_PENDING), from the orders read model",
      labelNames: ["status"],
      zeroSeries: OPEN_STATUSES.map((status) => ({ status })),
      read: async () => {
        const rows = (await dataSource.query(
          `SELECT status, count(*)::int AS orders FROM orders_view WHERE ${OPEN_ORDERS_PREDICATE} GROUP BY status`,
        )) as { status: string; orders: number }[];
        return rows.map((row) => ({ labels: { status: row.status }, value: row.orders }));
      },
    });
    gaugeReadAtScrape(registry, {
      name: "peakshop_orders_past_deadline",
      help: `Open orders whose payment deadline passed more than ${OVERDUE_AFTER_SECONDS} s ago: the deadlines worker should have cancelled them, so above 0 the saga is stuck`,
      read: async () => {
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS orders FROM orders_view
            WHERE ${OPEN_ORDERS_PREDICATE}
              AND (state->>'deadline')::timestamptz < now() - interval '${OVERDUE_AFTER_SECONDS} seconds'`,
        )) as { orders: number }[];
        return row?.orders ?? 0;
      },
    });
  }
}
