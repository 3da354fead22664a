import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  Sse,
  UseFilters,
  UseGuards,
} from "@nestjs/common";
import type { FastifyReply } from "fastify";
import { parseRequest, ProblemException } from "@peakshop/platform-nest";
import { UpstreamClient } from "../upstream/upstream.client";
import { AuthGuard, CurrentCaller, type Caller } from "./auth.guard";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { EventStreams } from "./event-streams";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { orderListQuery } from "./public-requests";
import { OrderPage, OrderView } from "./public-views";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is no order id names no order: 404, like another customer's order. */
function orderIdOf(orderId: string): string {
  if (UUID.test(orderId)) return orderId;
  throw new ProblemException({ status: 404, title: "Not Found", detail: `No order ${orderId}.` });
}

/**
 * The caller's own orders. The order service is told the token's customer
 * (X-Customer-Id, list filter) and answers 404 for anyone else's order (I6).
 */
@Controller("v1/orders")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class OrdersController {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly streams: EventStreams,
  ) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { status, limit, cursor } = parseRequest(orderListQuery, query, "query");
    const { body } = await this.upstream.call(
      "order",
      {
        method: "GET",
        path: "/v1/orders",
        query: { customerId: caller.customerId, status, limit, cursor },
        requestId: caller.requestId,
      },
      OrderPage,
    );
    return body;
  }

  @Get(":orderId")
  async get(@CurrentCaller() caller: Caller, @Param("orderId") orderId: string) {
    const { body } = await this.upstream.call(
      "order",
      {
        method: "GET",
        path: `/v1/orders/${orderIdOf(orderId)}`,
        headers: { "x-customer-id": caller.customerId },
        requestId: caller.requestId,
      },
      OrderView,
    );
    return body;
  }

  /** Server-Sent Events: one `status` event per change, ending after a final status. */
  @Sse(":orderId/stream")
  stream(
    @CurrentCaller() caller: Caller,
    @Param("orderId") orderId: string,
    @Headers("last-event-id") lastEventId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.streams.orderStatus(caller, orderIdOf(orderId), lastEventId, reply);
  }

  /** Cancels an order whose payment has not been captured; 409 otherwise. */
  @Post(":orderId/cancel")
  @HttpCode(200)
  async cancel(@CurrentCaller() caller: Caller, @Param("orderId") orderId: string) {
    const { body } = await this.upstream.call(
      "order",
      {
        method: "POST",
        path: `/v1/orders/${orderIdOf(orderId)}/cancel`,
        headers: { "x-customer-id": caller.customerId },
        requestId: caller.requestId,
      },
      OrderView,
    );
    return body;
  }
}
