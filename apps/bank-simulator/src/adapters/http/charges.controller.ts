import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Res,
  UseFilters,
  UseInterceptors,
} from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import { CreateChargeHandler } from "../../application/create-charge.handler";
import { FindChargeHandler } from "../../application/find-charge.handler";
import { noChargeForKey } from "../../domain/bank.errors";
import { PAYMENT_TOKENS, type ChargeDecision } from "../../domain/charge";
import { BankMetrics } from "../metrics/bank.metrics";
import { BankProblemsFilter } from "./bank-problems.filter";
import { chargeBody, idempotencyKeyHeader } from "./bank.requests";
import { chargeView } from "./bank.views";
import { FaultInjector } from "./fault-injector";
import { FaultsInterceptor } from "./faults.interceptor";
import { dropConnection } from "./lost-response";

@Controller("v1/charges")
@UseFilters(BankProblemsFilter)
@UseInterceptors(FaultsInterceptor)
export class ChargesController {
  constructor(
    private readonly createCharge: CreateChargeHandler,
    private readonly findCharge: FindChargeHandler,
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
    const request = parseRequest(chargeBody, body, "body");
    const forcedDecline = request.paymentToken === PAYMENT_TOKENS.ok && this.faults.forcesDecline();
    const decision = await this.createCharge.execute(idempotencyKey, request, forcedDecline);
    this.record(decision, forcedDecline);
    if (this.faults.losesResponse()) return dropConnection(reply);
    void reply.status(201).send(chargeView(decision.charge));
  }

  @Get(":idempotencyKey")
  async find(@Param("idempotencyKey") key: string) {
    const idempotencyKey = parseRequest(idempotencyKeyHeader, key, "path.idempotencyKey");
    const charge = await this.findCharge.execute(idempotencyKey);
    if (!charge) throw noChargeForKey(idempotencyKey);
    return chargeView(charge);
  }

  private record(decision: ChargeDecision, forcedDecline: boolean): void {
    if (decision.kind === "replayed") {
      this.metrics.replays.inc({ operation: "charge" });
      return;
    }
    this.metrics.charges.inc({ outcome: decision.charge.status });
    if (forcedDecline) this.metrics.faultInjected("forced-decline");
  }
}
