import { Body, Controller, Headers, Post, Res, UseFilters, UseInterceptors } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import { CreateRefundHandler } from "../../application/create-refund.handler";
import { BankMetrics } from "../metrics/bank.metrics";
import { BankProblemsFilter } from "./bank-problems.filter";
import { idempotencyKeyHeader, refundBody } from "./bank.requests";
import { refundView } from "./bank.views";
import { FaultInjector } from "./fault-injector";
import { FaultsInterceptor } from "./faults.interceptor";
import { dropConnection } from "./lost-response";

@Controller("v1/refunds")
@UseFilters(BankProblemsFilter)
@UseInterceptors(FaultsInterceptor)
export class RefundsController {
  constructor(
    private readonly createRefund: CreateRefundHandler,
    private readonly faults: FaultInjector,
    private readonly metrics: BankMetrics,
  ) {}

  /** Answered by hand (@Res) because the lostResponseRate fault may drop the answer after the commit. */
  @Post()
  async create(
    @Headers("idempotency-key") key: string | undefined,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const idempotencyKey = parseRequest(idempotencyKeyHeader, key, "header.idempotency-key");
    const request = parseRequest(refundBody, body, "body");
    const decision = await this.createRefund.execute(idempotencyKey, request);
    if (decision.kind === "replayed") this.metrics.replays.inc({ operation: "refund" });
    else this.metrics.refunds.inc();
    if (this.faults.losesResponse()) return dropConnection(reply);
    void reply.status(201).send(refundView(decision.refund));
  }
}
