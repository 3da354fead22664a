import {
  context,
  propagation,
  SpanKind,
  trace,
  type Attributes,
  type Context,
  type Span,
} from "@opentelemetry/api";

/**
 * Whether startTracing() started the SDK in this process. Without it every
 * helper here returns at once, so tracing that is off costs a branch.
 */
let started = false;
let stopSdk: (() => Promise<void>) | undefined;

export const tracingStarted = (): boolean => started;

/** Called by startTracing() once the SDK is registered, with how to stop it. */
export function markTracingStarted(stop: () => Promise<void>): void {
  started = true;
  stopSdk = stop;
}

/** Sends the spans still batched and stops the SDK; the service's shutdown calls it. */
export async function stopTracing(): Promise<void> {
  const stop = stopSdk;
  stopSdk = undefined;
  started = false;
  await stop?.();
}

export const TRACEPARENT_HEADER = "traceparent";

export const tracer = () => trace.getTracer("@peakshop/platform-nest");

/** The W3C `traceparent` of the span active now, if tracing is on and a span is. */
export function activeTraceparent(): string | undefined {
  if (!started) return undefined;
  return traceparentOf(context.active());
}

/** The active span's ids for a log line (`trace_id`, `span_id`), or nothing. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  if (!started) return {};
  const span = trace.getActiveSpan()?.spanContext();
  return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/**
 * Headers with a trace context added (read once per batch with
 * activeTraceparent), unless there is none or they carry one already.
 */
export function withTraceparent(
  headers: Record<string, string> = {},
  traceparent: string | undefined,
): Record<string, string> {
  if (!traceparent || headers[TRACEPARENT_HEADER]) return headers;
  return { ...headers, [TRACEPARENT_HEADER]: traceparent };
}

/** The context a message's headers carry, as a parent for the spans that handle it. */
export function contextOf(headers: Record<string, string>): Context {
  return propagation.extract(context.active(), headers);
}

export function traceparentOf(from: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier[TRACEPARENT_HEADER];
}

/** Ends a span with the outcome of the work it covered. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: 2, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

export interface SpanOptions {
  kind?: SpanKind;
  /** The trace context to continue: a stored `traceparent`, or carrier headers. */
  parent?: string | Record<string, string>;
  attributes?: Attributes;
}

/**
 * Runs work in a span of its own, child of a trace context kept with the work
 * (a message's headers, a scheduled row's `traceparent`), so work picked up
 * later or elsewhere continues the trace that asked for it.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  if (!started) return work();
  const carrier =
    typeof options.parent === "string" ? { [TRACEPARENT_HEADER]: options.parent } : options.parent;
  const parent = carrier ? contextOf(carrier) : context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parent,
  );
  try {
    const result = await context.with(trace.setSpan(parent, span), work);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

/**
 * Runs work picked up later (a scheduled payment attempt, a queued delivery)
 * in a span of the trace that asked for it, or in none when it kept no trace
 * (asked for untraced, or before traces were kept): a poller starts no trace
 * of its own.
 */
export function continueTrace<T>(
  name: string,
  traceparent: string | undefined,
  attributes: Attributes,
  work: () => Promise<T>,
): Promise<T> {
  return traceparent ? inSpan(name, { parent: traceparent, attributes }, work) : work();
}
