import { Injectable, SetMetadata, type ExecutionContext } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from "@nestjs/throttler";
import { ProblemException, problemType } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import type { GatewayConfig } from "../../config";
import type { Principal } from "../../domain/principal";
import { rateLimitDetail, rateLimitRetryAfterSeconds } from "../../domain/retry-after";
import { AdmissionMetrics } from "../metrics/admission.metrics";

const CHECKOUT_LIMITED = "peakshop:checkout-limited";
const CHECKOUT_THROTTLER = "checkout";

/** Marks the routes that also count against the stricter CHECKOUT_LIMIT_PER_CUSTOMER. */
export const CheckoutLimited = () => SetMetadata(CHECKOUT_LIMITED, true);

const reflector = new Reflector();

/**
 * Two sliding windows of RATE_LIMIT_WINDOW_MS: every request of a customer
 * counts against "default", checkouts also against "checkout". blockDuration 0
 * means refused requests do not count and a customer may go on as soon as
 * their oldest request leaves the window (no penalty box).
 */
export const rateLimitOptions = (config: GatewayConfig): ThrottlerModuleOptions => ({
  throttlers: [
    {
      name: "default",
      ttl: config.RATE_LIMIT_WINDOW_MS,
      limit: config.RATE_LIMIT_PER_CUSTOMER,
      blockDuration: 0,
    },
    {
      name: CHECKOUT_THROTTLER,
      ttl: config.RATE_LIMIT_WINDOW_MS,
      limit: config.CHECKOUT_LIMIT_PER_CUSTOMER,
      blockDuration: 0,
      skipIf: (context) =>
        !reflector.getAllAndOverride<boolean>(CHECKOUT_LIMITED, [context.getHandler(), context.getClass()]),
    },
  ],
});

/** Thrown by the library's hook so that handleRequest, which knows the throttler, builds the answer. */
class OverLimit extends Error {
  constructor(readonly secondsUntilSlotFrees: number) {
    super("over the rate limit");
  }
}

/**
 * Per-customer rate limits with @nestjs/throttler. Placed after AuthGuard, so
 * the tracker is the verified token's customer (one bucket across all routes,
 * not the library's default of one per route); a route without AuthGuard
 * (dev tokens) is tracked by client IP. Past a limit: 429 problem+json with
 * Retry-After. Counts live in this process: with N gateway replicas a customer
 * gets up to N times the limit (a shared ThrottlerStorage would fix that).
 */
@Injectable()
export class CustomerRateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: AdmissionMetrics,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as { principal?: Principal }).principal;
    return principal ? `customer:${principal.customerId}` : `ip:${await super.getTracker(request)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new OverLimit(detail.timeToBlockExpire);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (!(error instanceof OverLimit)) throw error;
      const checkout = request.throttler.name === CHECKOUT_THROTTLER;
      const reply = request.context.switchToHttp().getResponse<FastifyReply>();
      this.metrics.rejected(checkout ? "checkout_rate_limit" : "rate_limit", reply);
      const retryAfter = rateLimitRetryAfterSeconds(error.secondsUntilSlotFrees);
      void reply.header("retry-after", String(retryAfter));
      throw new ProblemException({
        status: 429,
        title: "Too Many Requests",
        type: problemType("rate-limited"),
        detail: rateLimitDetail(retryAfter, checkout),
      });
    }
  }
}
