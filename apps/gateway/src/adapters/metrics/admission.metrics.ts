import { Injectable } from "@nestjs/common";
import { Counter, Gauge, Registry } from "prom-client";
import { GradientLimit } from "../../domain/gradient-limit";
import { OpenStreams, RequestLimit } from "../../domain/in-flight-limit";

/** Why a request was turned away before any work was done for it. */
export type RejectionReason = "in_flight_limit" | "rate_limit" | "checkout_rate_limit" | "stream_limit";

/** How full the gateway is and whom it turns away, for the peak dashboard and its alerts. */
@Injectable()
export class AdmissionMetrics {
  readonly rejections: Counter<"reason">;

  constructor(registry: Registry, limit: RequestLimit, streams: OpenStreams) {
    const registers = [registry];
    new Gauge({
      name: "gateway_requests_in_flight",
      help: "Requests being processed now (health, metrics and status excluded), against gateway_requests_in_flight_limit",
      registers,
      // Read at scrape time, so the counter has one owner and the gauge cannot drift from it.
      collect() {
        this.set(limit.current);
      },
    });
    new Gauge({
      name: "gateway_requests_in_flight_limit",
      help: "Requests processed at once before the gateway answers 503: adaptive between GATEWAY_MIN_IN_FLIGHT and GATEWAY_MAX_IN_FLIGHT, or fixed at the latter",
      registers,
      collect() {
        this.set(limit.limit);
      },
    });
    if (limit instanceof GradientLimit) {
      new Gauge({
        name: "gateway_admission_latency_seconds",
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
      name: "gateway_sse_streams_open",
      help: "Server-Sent Event streams open now, against SSE_MAX_STREAMS",
      registers,
      collect() {
        this.set(streams.current);
      },
    });
    new Gauge({
      name: "gateway_sse_streams_limit",
      help: "SSE_MAX_STREAMS: event streams open at once before the gateway answers 503",
      registers,
    }).set(streams.max);
    this.rejections = new Counter({
      name: "gateway_admission_rejections_total",
      help: "Requests refused by admission control, by reason (in_flight_limit, stream_limit: 503; rate_limit, checkout_rate_limit: 429)",
      labelNames: ["reason"],
      registers,
    });
    // Zero series from the start, so rate() and alerts see the counters before the first rejection.
    for (const reason of ["in_flight_limit", "rate_limit", "checkout_rate_limit", "stream_limit"] as const) {
      this.rejections.inc({ reason }, 0);
    }
  }

  rejected(reason: RejectionReason): void {
    this.rejections.inc({ reason });
  }
}
