import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { markTracingStarted } from "./trace-context";

export { stopTracing } from "./trace-context";

type Environment = Record<string, string | undefined>;

/**
 * Whether the standard OTEL_* variables ask for traces: an exporter named in
 * OTEL_TRACES_EXPORTER (other than none), or an OTLP endpoint. Off by default.
 */
export function tracingRequested(env: Environment): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === "none");
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Probes, scrapes and streams are not what a trace should show; each would be a trace of its own. */
const UNTRACED_PATHS = ["/health", "/metrics"];

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing when the OTEL_* variables ask for it, before
 * the modules it instruments are loaded: import the service's tracing file
 * first in main. HTTP in and out (node:http, undici and fetch) and pg are
 * instrumented by their OpenTelemetry instrumentations; Kafka by the Kafka
 * port (see kafka-spans); NestJS handlers by HandlerSpansInterceptor, since
 * OpenTelemetry's NestJS instrumentation does not cover Nest 12. Only spans under a request or a message are
 * kept: pollers and relays alone start none.
 */
export function startTracing(serviceName: string, env: Environment = process.env): boolean {
  if (sdk || !tracingRequested(env)) return false;
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? env.SERVICE_NAME ?? serviceName,
    // Metrics stay with Prometheus (/metrics) and logs with stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) =>
          UNTRACED_PATHS.some((path) => (request.url ?? "").startsWith(path)),
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  const started = sdk;
  markTracingStarted(async () => {
    sdk = undefined;
    await started.shutdown();
  });
  return true;
}
