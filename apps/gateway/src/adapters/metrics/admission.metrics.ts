import { Injectable } from "@nestjs/common";
import type { FastifyReply } from "fastify";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { GradientLimit } from "../../domain/gradient-limit";
import { OpenStreams, RequestLimit } from "../../domain/in-flight-limit";
import { SagaBacklogGate } from "../../domain/saga-backlog-gate";

const REASONS = [
  "in_flight_limit",
  "saga_backlog",
  "rate_limit",
  "checkout_rate_limit",
  "stream_limit",
] as const;

/** Why a request was turned away before any work was done for it. */
export type RejectionReason = (typeof REASONS)[number];

/** How full the gateway is and whom it turns away, for the peak dashboard and its alerts. */
@Injectable()
export class AdmissionMetrics {
  readonly rejections: Counter<"reason">;
  private readonly refusalSeconds: Histogram<"reason">;

  constructor(registry: Registry, limit: RequestLimit, streams: OpenStreams, backlog: SagaBacklogGate) {
    const registers = [registry];
    new Gauge({
      name: "peakshop_gateway_requests_in_flight",
      help: "Requests being processed now (health, metrics and status excluded), against peakshop_gateway_requests_in_flight_limit",
      registers,
      // Read at scrape time, so the counter has one owner and the gauge cannot drift from it.
      collect() {
        this.set(limit.current);
      },
    });
    new Gauge({
      name: "peakshop_gateway_requests_in_flight_limit",
      help: "Requests processed at once before the gateway answers 503: adaptive between GATEWAY_MIN_IN_FLIGHT and GATEWAY_MAX_IN_FLIGHT, or fixed at the latter",
      registers,
      collect() {
        this.set(limit.limit);
      },
    });
    if (limit instanceof GradientLimit) {
      new Gauge({
        name: "peakshop_gateway_admission_latency_seconds",
        help: "Mean latency of admitted requests the adaptive limit compares: the last window (short) against the long-term average (long)",
        labelNames: ["window"],
        registers,
        collect() {
          const { shortRttMs, longRttMs } = limit.state;
          if (Number.isFinite(shortRttMs)) this.set({ window: "short" }, shortRttMs / 1000);
          if (Number.isFinite(longRttMs)) this.set({ window: "long" }, longRttMs / 1000);
        },
      });
    }
    new Gauge({
      name: "peakshop_gateway_saga_backlog_delay_seconds",
      help: "The saga backlog the gateway last read from the order service (absent while unknown or stale, when no checkout is refused for it)",
      registers,
      collect() {
        const delayMs = backlog.delayMs(performance.now());
        if (delayMs === undefined) this.reset();
        else this.set(delayMs / 1000);
      },
    });
    new Gauge({
      name: "peakshop_gateway_saga_backlog_refused_share",
      help: "Share of checkouts refused now because of the saga backlog: 0 under GATEWAY_SAGA_BACKLOG_TARGET_MS, 1 at twice it",
      registers,
      collect() {
        this.set(backlog.refusedShare(performance.now()));
      },
    });
    new Gauge({
      name: "peakshop_gateway_sse_streams_open",
      help: "Server-Sent Event streams open now, against SSE_MAX_STREAMS",
      registers,
      collect() {
        this.set(streams.current);
      },
    });
    new Gauge({
      name: "peakshop_gateway_sse_streams_limit",
      help: "SSE_MAX_STREAMS: event streams open at once before the gateway answers 503",
      registers,
    }).set(streams.max);
    this.rejections = new Counter({
      name: "peakshop_gateway_admission_rejections_total",
      help: "Requests refused by admission control, by reason (in_flight_limit, saga_backlog, stream_limit: 503; rate_limit, checkout_rate_limit: 429)",
      labelNames: ["reason"],
      registers,
    });
    this.refusalSeconds = new Histogram({
      name: "peakshop_gateway_admission_refusal_duration_seconds",
      help: "Time from a refused request's arrival at the gateway to its 503/429 being written, by reason: a refusal is only useful if it is quick",
      labelNames: ["reason"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    // Zero series from the start, so rate() and alerts see the counters before the first rejection.
    for (const reason of REASONS) {
      this.rejections.inc({ reason }, 0);
      this.refusalSeconds.zero({ reason });
    }
  }

  /** Counts a refusal, and times it once its answer has been handed to the socket. */
  rejected(reason: RejectionReason, reply: FastifyReply): void {
    this.rejections.inc({ reason });
    // Timed at "finish" rather than here: the clock stops when the refusal is written, not decided.
    reply.raw.once("finish", () => this.refusalSeconds.observe({ reason }, reply.elapsedTime / 1000));
  }
}
