import { Body, Controller, Headers, Post, Res, UseFilters, UseGuards } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import { IdempotentRequestHandler } from "../../application/idempotent-request.handler";
import { requestHash } from "../../application/request-hash";
import type { StoredResponse } from "../../domain/idempotency";
import { UpstreamClient } from "../upstream/upstream.client";
import { UpstreamProblem } from "../upstream/upstream-problem";
import { AuthGuard, CurrentCaller, type Caller } from "./auth.guard";
import { CheckoutLimited, CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { checkoutBody, idempotencyKeyHeader } from "./public-requests";
import { CheckoutAccepted, checkoutAcceptedView } from "./public-views";
import { publicBody } from "../upstream/upstream.client";

/**
 * Checkout, once per (customer, Idempotency-Key). The key also travels to the
 * cart service, which deduplicates it again: a checkout whose answer was lost
 * between cart and gateway is found, not repeated, when the client retries.
 */
@Controller("v1/checkout")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@CheckoutLimited()
@UseFilters(GatewayProblemsFilter)
export class CheckoutController {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly idempotent: IdempotentRequestHandler,
  ) {}

  /** 202 {orderId, status, statusUrl} once the order is durable (I1); an empty cart answers 422. */
  @Post()
  async checkout(
    @CurrentCaller() caller: Caller,
    @Headers("idempotency-key") keyHeader: string | undefined,
    @Body() input: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = parseRequest(idempotencyKeyHeader, keyHeader, "header.Idempotency-Key");
    const body = parseRequest(checkoutBody, input, "body");
    const answer = await this.idempotent.execute(
      { customerId: caller.customerId, key },
      requestHash("POST /v1/checkout", body),
      () => this.forward(caller, key, body),
    );
    if (answer.status >= 400) throw new UpstreamProblem(answer.body as UpstreamProblem["problem"]);
    void reply.status(answer.status);
    return answer.body;
  }

  /** The cart's answer as the client should see it: 202 or the cart's refusal (both kept for replays). */
  private async forward(caller: Caller, key: string, body: unknown): Promise<StoredResponse> {
    const response = await this.upstream.send("cart", {
      method: "POST",
      path: `/v1/carts/${encodeURIComponent(caller.customerId)}/checkout`,
      body,
      headers: { "idempotency-key": key },
      requestId: caller.requestId,
    });
    try {
      return { status: 202, body: checkoutAcceptedView(publicBody("cart", response, CheckoutAccepted)) };
    } catch (error) {
      if (error instanceof UpstreamProblem && error.problem.status < 500) {
        return { status: error.problem.status, body: error.problem };
      }
      throw error;
    }
  }
}
