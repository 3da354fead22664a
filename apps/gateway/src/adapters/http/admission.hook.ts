import { Inject, Injectable, type OnApplicationBootstrap } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import { problemType, SERVICE_CONFIG } from "@peakshop/platform-nest";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { GatewayConfig } from "../../config";
import { RequestLimit } from "../../domain/in-flight-limit";
import { overloadDetail, overloadRetryAfterSeconds, sagaBacklogDetail } from "../../domain/retry-after";
import { SagaBacklogGate } from "../../domain/saga-backlog-gate";
import { AdmissionMetrics, type RejectionReason } from "../metrics/admission.metrics";

/** What operators and status pages need most during a peak: never refused, never counted. */
const EXEMPT_PATHS = new Set([
  "/health/live",
  "/health/ready",
  "/metrics",
  "/v1/status",
  "/v1/status/feed.atom",
]);

/** Event streams stay open for minutes: SSE_MAX_STREAMS bounds them instead. */
const STREAM_PATH = /^\/v1\/(orders\/[^/]+|notifications)\/stream$/;

const pathOf = (url: string) => url.split("?", 1)[0] ?? "";

export const isExemptFromInFlightLimit = (method: string, url: string): boolean => {
  const path = pathOf(url);
  return (method === "GET" || method === "HEAD") && (EXEMPT_PATHS.has(path) || STREAM_PATH.test(path));
};

/** A checkout starts a saga: the one request the saga backlog gate weighs. */
export const startsASaga = (method: string, url: string): boolean =>
  method === "POST" && pathOf(url) === "/v1/checkout";

/**
 * Admission at the door, as a Fastify onRequest hook: it runs before the body
 * is read, so a refusal costs almost nothing. Two limits, each a 503 with
 * Retry-After: checkouts while the saga is too far behind (SagaBacklogGate),
 * then requests at once (fixed, or following latency: see GradientLimit).
 * Neither @fastify/under-pressure (event-loop delay, heap, RSS; no request
 * count) nor the rate limiters (requests per window, not at once) count
 * requests in progress, hence this small counter.
 */
@Injectable()
export class AdmissionHook implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly limit: RequestLimit,
    private readonly backlog: SagaBacklogGate,
    private readonly metrics: AdmissionMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  // At bootstrap rather than module init: after RequestIdHook's onRequest hook,
  // so a refusal carries X-Request-Id like every other answer.
  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook("onRequest", async (request, reply) => this.admit(request, reply));
  }

  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (isExemptFromInFlightLimit(request.method, request.url)) return undefined;
    const now = performance.now();
    if (startsASaga(request.method, request.url) && this.backlog.refuses(now, Math.random())) {
      return this.refuse(reply, "saga_backlog");
    }
    const release = this.limit.tryAcquire(now);
    if (release) {
      // "close" comes once the response is sent or the client went away, so an
      // aborted request gives its slot back too; only a finished answer's time
      // teaches an adaptive limit anything.
      reply.raw.once("close", () => release(performance.now(), reply.raw.writableFinished));
      return undefined;
    }
    return this.refuse(reply, "in_flight_limit");
  }

  private refuse(reply: FastifyReply, reason: RejectionReason): FastifyReply {
    this.metrics.rejected(reason, reply);
    const retryAfter = overloadRetryAfterSeconds(
      this.config.GATEWAY_OVERLOAD_RETRY_AFTER_SECONDS,
      Math.random(),
    );
    return reply
      .status(503)
      .header("content-type", "application/problem+json")
      .header("retry-after", String(retryAfter))
      .send({
        type: problemType("overloaded"),
        title: "Service Unavailable",
        status: 503,
        detail: reason === "saga_backlog" ? sagaBacklogDetail(retryAfter) : overloadDetail(retryAfter),
      });
  }
}
