import { Histogram, type Registry } from "prom-client";

/** The part of Fastify this needs (typed here, so any Fastify 5 the app runs on fits). */
interface AnsweringServer {
  addHook(
    name: "onResponse",
    hook: (
      request: { method: string; routeOptions: { url?: string } },
      reply: { statusCode: number; elapsedTime: number },
      done: () => void,
    ) => void,
  ): unknown;
}

/** Where a request matched no route: one label value, so unknown paths cannot grow the series without bound. */
const UNMATCHED = "unmatched";

/**
 * peakshop_http_request_duration_seconds{method, route, status_code} on every
 * service: rate, errors and latency per route (the route's template, e.g.
 * /v1/orders/:orderId, never the raw path). Timed by Fastify from arrival to
 * the answer's last byte; for an event stream that is the stream's lifetime.
 */
export function recordHttpRequests(fastify: AnsweringServer, registry: Registry): void {
  const duration = new Histogram({
    name: "peakshop_http_request_duration_seconds",
    help: "HTTP requests answered, by method, route template and status, and how long each took.",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  fastify.addHook("onResponse", (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? UNMATCHED,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1_000,
    );
    done();
  });
}
