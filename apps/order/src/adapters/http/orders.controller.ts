import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from "@nestjs/common";
import { invalidRequest, parseRequest, ProblemException, readPage } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { z } from "zod";
import { OrderCommands } from "../../application/order-commands";
import { decodeOrderCursor, encodeOrderCursor } from "../../application/order-cursor";
import { toOrderView } from "../../application/order-view";
import { OrderError } from "../../domain/order.errors";
import type { OrderState } from "../../domain/order.state";

const CUSTOMER_HEADER = "x-customer-id";

const listQuery = z
  .object({
    customerId: z.string().min(1),
    status: z
      .enum(["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING", "CONFIRMED", "REJECTED", "CANCELLED"])
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().optional(),
  })
  .strict();

const notFound = (orderId: string) =>
  new ProblemException({ status: 404, title: "Not Found", detail: `No order ${orderId}.` });

/**
 * Internal order API behind the gateway, which passes the authenticated
 * customer in X-Customer-Id: another customer's order is answered 404 (I6).
 */
@Controller("v1/orders")
export class OrdersController {
  constructor(
    private readonly orders: OrderCommands,
    private readonly dataSource: DataSource,
  ) {}

  /** Read from the event store, so a client sees its own writes at once. */
  @Get(":orderId")
  async get(
    @Param("orderId", new ParseUUIDPipe()) orderId: string,
    @Headers(CUSTOMER_HEADER) customerId?: string,
  ) {
    const state = await this.orders.load(orderId);
    if (!visibleTo(state, customerId)) throw notFound(orderId);
    return toOrderView(state);
  }

  /** From the read model, newest first, paged by an opaque cursor. */
  @Get()
  async list(@Query() query: unknown) {
    const { customerId, status, limit, cursor } = parseRequest(listQuery, query, "query");
    const after = cursor === undefined ? undefined : decodeOrderCursor(cursor);
    if (cursor !== undefined && !after)
      throw invalidRequest([
        { field: "query.cursor", message: "not a cursor from a previous page's nextCursor" },
      ]);
    const page = await readPage(
      limit,
      (count): Promise<{ state: OrderState; placed_at: Date; order_id: string }[]> =>
        this.dataSource.query(
          `SELECT state, placed_at, order_id FROM orders_view
            WHERE customer_id = $1 AND ($2::text IS NULL OR status = $2)
              AND ($3::timestamptz IS NULL OR (placed_at, order_id) < ($3::timestamptz, $4::uuid))
            ORDER BY placed_at DESC, order_id DESC LIMIT $5`,
          [customerId, status ?? null, after?.placedAt ?? null, after?.orderId ?? null, count],
        ),
      (last) => encodeOrderCursor({ placedAt: last.placed_at.toISOString(), orderId: last.order_id }),
    );
    return {
      items: page.items.map((row) => toOrderView(row.state as Exclude<OrderState, { status: "none" }>)),
      nextCursor: page.nextCursor,
    };
  }

  @Post(":orderId/cancel")
  @HttpCode(200)
  async cancel(
    @Param("orderId", new ParseUUIDPipe()) orderId: string,
    @Headers(CUSTOMER_HEADER) customerId?: string,
  ) {
    if (!customerId) throw invalidRequest([{ field: `header.${CUSTOMER_HEADER}`, message: "required" }]);
    const state = await this.orders.load(orderId);
    if (!visibleTo(state, customerId)) throw notFound(orderId);
    try {
      const result = await this.orders.execute(
        orderId,
        { type: "CancelByCustomer", at: new Date().toISOString() },
        `cancel-${randomUUID()}`,
      );
      return toOrderView(result.state as Exclude<OrderState, { status: "none" }>);
    } catch (error) {
      if (error instanceof OrderError && error.code === "order-not-cancellable") {
        throw new ProblemException({ status: 409, title: "Conflict", detail: error.message });
      }
      throw error;
    }
  }
}

function visibleTo(
  state: OrderState,
  customerId: string | undefined,
): state is Exclude<OrderState, { status: "none" }> {
  return state.status !== "none" && (customerId === undefined || state.customerId === customerId);
}
