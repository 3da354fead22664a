import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseFilters,
  UseGuards,
} from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyRequest } from "fastify";
import { UpstreamClient } from "../upstream/upstream.client";
import { UpstreamProblem } from "../upstream/upstream-problem";
import { BankHealth, ConsumerDeadLetters, OrdersOverview, ReplayResult } from "./admin-views";
import { AdminOnly, AuthGuard } from "./auth.guard";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import {
  adminOrdersQuery,
  DEAD_LETTER_CONSUMERS,
  deadLetterConsumerParam,
  replayBody,
} from "./public-requests";

/**
 * What the operator console reads and does (admin only): orders in flight and
 * the stuck ones, the bank circuit, dead letters and their replay. Each call
 * goes to the service that owns the answer.
 */
@Controller("v1/admin")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class OperationsController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get("orders")
  @AdminOnly()
  async orders(@Query() query: unknown, @Req() request: FastifyRequest) {
    const filter = parseRequest(adminOrdersQuery, query, "query");
    const { body } = await this.upstream.call(
      "order",
      { method: "GET", path: "/v1/orders-overview", query: filter, requestId: request.id },
      OrdersOverview,
    );
    return body;
  }

  @Get("bank")
  @AdminOnly()
  async bank(@Req() request: FastifyRequest) {
    const { body } = await this.upstream.call(
      "payment",
      { method: "GET", path: "/v1/bank/health", requestId: request.id },
      BankHealth,
    );
    return body;
  }

  /** Every consumer's dead letters; one that cannot be asked is listed with the reason, not failing the rest. */
  @Get("dead-letters")
  @AdminOnly()
  async deadLetters(@Req() request: FastifyRequest) {
    const consumers = await Promise.all(
      DEAD_LETTER_CONSUMERS.map(async (consumer) => {
        try {
          const { body } = await this.upstream.call(
            consumer,
            { method: "GET", path: "/v1/dead-letters", requestId: request.id },
            ConsumerDeadLetters,
          );
          return { consumer, deadLetters: body.deadLetters };
        } catch (error) {
          return { consumer, deadLetters: [], error: whyNot(error) };
        }
      }),
    );
    return { consumers };
  }

  @Post("dead-letters/:consumer/replay")
  @AdminOnly()
  @HttpCode(200)
  async replay(
    @Param("consumer") consumerParam: string,
    @Body() input: unknown,
    @Req() request: FastifyRequest,
  ) {
    const consumer = parseRequest(deadLetterConsumerParam, consumerParam, "path.consumer");
    const body = parseRequest(replayBody, input ?? {}, "body");
    const { body: result } = await this.upstream.call(
      consumer,
      { method: "POST", path: "/v1/dead-letters/replay", body, requestId: request.id },
      ReplayResult,
    );
    return result;
  }
}

function whyNot(error: unknown): string {
  if (error instanceof UpstreamProblem) return error.problem.detail ?? error.problem.title;
  return error instanceof Error ? error.message : String(error);
}
