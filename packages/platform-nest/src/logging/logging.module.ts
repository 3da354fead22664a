import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { LoggerModule } from "nestjs-pino";
import { activeTraceIds } from "../tracing/trace-context";

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * A request's log level by its outcome. At a peak a line per request is a cost
 * of its own, so answered requests log at debug; refusals that shed load (429,
 * 503) too, since metrics count them and a line each would spend what shedding
 * saves. Other client errors log at info, server errors at error.
 */
export function requestLogLevel(statusCode: number, error?: unknown): "debug" | "info" | "error" {
  if (statusCode === 429 || statusCode === 503) return "debug";
  if (error || statusCode >= 500) return "error";
  return statusCode >= 400 ? "info" : "debug";
}

/**
 * Structured JSON logs; every request log line carries the request id as
 * `correlationId`, and with tracing on every line under a request or a
 * consumed message its `trace_id` and `span_id`.
 */
export function loggingModule(serviceName: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service: serviceName },
      messageKey: "message",
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      // Every line written under a traced request or message names its trace.
      mixin: activeTraceIds,
      redact: ["req.headers.authorization", "req.headers.cookie"],
      genReqId: (request: IncomingMessage) => {
        const given = request.headers[REQUEST_ID_HEADER];
        return (Array.isArray(given) ? given[0] : given) ?? randomUUID();
      },
      customProps: (request: IncomingMessage & { id?: unknown }) => ({ correlationId: request.id }),
      autoLogging: { ignore: (request) => (request.url ?? "").startsWith("/health") },
      customLogLevel: (_request, response, error) => requestLogLevel(response.statusCode, error),
      // Method, path and id say which request it was; whole header sets belong in traces.
      serializers: {
        req: (request: { id?: unknown; method?: string; url?: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      },
    },
  });
}
