import { Controller, Get, Query } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import { DataSource } from "typeorm";
import { z } from "zod";
import { toOrderView } from "../../application/order-view";
import { STUCK_AFTER_MS, stuckReason } from "../../application/stuck-order";
import type { OrderState } from "../../domain/order.state";
import { OPEN_ORDERS_PREDICATE, OPEN_STATUSES } from "../persistence/open-orders";

const overviewQuery = z
  .object({
    status: z.enum(OPEN_STATUSES).optional(),
    stuck: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

interface OpenOrderRow {
  state: Exclude<OrderState, { status: "none" }>;
  updated_at: Date;
}

/**
 * Internal, for the operator console: the orders in flight by status and the
 * oldest of them, each marked when it is stuck. Every query repeats the open
 * orders' partial-index predicate, so it reads only orders in flight however
 * many final ones orders_view holds (final orders are counted on the
 * dashboard, from peakshop_orders_finished_total).
 */
@Controller("v1/orders-overview")
export class OrdersOverviewController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async overview(@Query() query: unknown) {
    const { status, stuck, limit } = parseRequest(overviewQuery, query, "query");
    const now = new Date();
    const counts = (await this.dataSource.query(
      `SELECT status, count(*)::int AS orders FROM orders_view WHERE ${OPEN_ORDERS_PREDICATE} GROUP BY status`,
    )) as { status: string; orders: number }[];
    // The stuck ones first need no second query: both conditions are on the open rows.
    const rows = (await this.dataSource.query(
      `SELECT state, updated_at FROM orders_view
        WHERE ${OPEN_ORDERS_PREDICATE} AND ($1::text IS NULL OR status = $1)
          AND (NOT $2::boolean OR (state->>'deadline')::timestamptz < $3::timestamptz
               OR (status <> 'PAYMENT_PENDING' AND updated_at < $3::timestamptz))
        ORDER BY placed_at ASC LIMIT $4`,
      [status ?? null, stuck === "true", new Date(now.getTime() - STUCK_AFTER_MS), limit],
    )) as OpenOrderRow[];
    return {
      open: Object.fromEntries(
        OPEN_STATUSES.map((name) => [name, counts.find((row) => row.status === name)?.orders ?? 0]),
      ),
      orders: rows.map((row) => ({
        ...toOrderView(row.state),
        customerId: row.state.customerId,
        updatedAt: row.updated_at.toISOString(),
        stuck: stuckReason(
          { status: row.state.status, deadline: row.state.deadline, updatedAt: row.updated_at },
          now,
        ),
      })),
    };
  }
}
