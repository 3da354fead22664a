import { Catch, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import { problemType } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import { KeyInProgress } from "../../application/idempotent-request.handler";
import { UpstreamUnavailable } from "../upstream/upstream-problem";
import { StreamFinished } from "./event-streams";

/** Seconds a client should wait before retrying after a service did not answer. */
const UPSTREAM_RETRY_AFTER_SECONDS = 2;

/**
 * Answers that tell the client to come back later carry Retry-After: a service
 * that did not answer (503), so clients back off instead of hammering a
 * struggling system, and a duplicate of a checkout still in progress (409).
 * A finished order stream answers 204, which tells EventSource to stop
 * reconnecting. Every other error is left to the platform's problem filter.
 */
@Catch(UpstreamUnavailable, KeyInProgress, StreamFinished)
export class GatewayProblemsFilter implements ExceptionFilter {
  catch(exception: UpstreamUnavailable | KeyInProgress | StreamFinished, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof StreamFinished) {
      void reply.status(204).send();
      return;
    }
    const [retryAfter, problem] =
      exception instanceof KeyInProgress
        ? [exception.retryAfterSeconds, exception.getResponse()]
        : [
            UPSTREAM_RETRY_AFTER_SECONDS,
            {
              type: problemType("service-unavailable"),
              title: "Service Unavailable",
              status: 503,
              detail: exception.message,
            },
          ];
    void reply
      .status(exception instanceof KeyInProgress ? 409 : 503)
      .header("content-type", "application/problem+json")
      .header("retry-after", String(retryAfter))
      .send(problem);
  }
}
