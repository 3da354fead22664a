import { SpanKind, trace, type Span } from "@opentelemetry/api";
import type { IncomingMessage, OutgoingRecord } from "../kafka/kafka.port";
import {
  contextOf,
  endSpan,
  inSpan,
  tracer,
  tracingStarted,
  traceparentOf,
  TRACEPARENT_HEADER,
} from "./trace-context";

const messagingAttributes = (topic: string, operation: "send" | "process") => ({
  "messaging.system": "kafka",
  "messaging.destination.name": topic,
  "messaging.operation.type": operation,
});

/**
 * A producer span per record, child of the trace context the record was
 * written with (the outbox keeps it from the transaction that appended the
 * event) or else of the active span; the record leaves with the span's own
 * context, so its consumers' spans hang under the publish. Publishing from
 * the outbox happens later and elsewhere, which is why the Kafka port is
 * instrumented here and not by the kafkajs instrumentation (it would start a
 * new trace from the relay's loop).
 */
export async function publishTraced<T>(
  records: OutgoingRecord[],
  publish: (records: OutgoingRecord[]) => Promise<T>,
): Promise<T> {
  if (!tracingStarted()) return publish(records);
  const spans: Span[] = [];
  const traced = records.map((record) => {
    const headers = record.headers ?? {};
    // The stored context if the record has one, else the active one.
    const parent = contextOf(headers);
    const span = tracer().startSpan(
      `send ${record.topic}`,
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(record.topic, "send") },
      parent,
    );
    spans.push(span);
    const traceparent = traceparentOf(trace.setSpan(parent, span));
    return traceparent ? { ...record, headers: { ...headers, [TRACEPARENT_HEADER]: traceparent } } : record;
  });
  try {
    const result = await publish(traced);
    for (const span of spans) endSpan(span);
    return result;
  } catch (error) {
    for (const span of spans) endSpan(span, error);
    throw error;
  }
}

/**
 * Runs the handling of one consumed message in a consumer span, child of the
 * context its headers carry, so what the handler writes and publishes joins
 * the message's trace.
 */
export function consumeTraced<T>(
  message: IncomingMessage,
  consumer: string,
  handle: () => Promise<T>,
): Promise<T> {
  // inSpan checks too; this one spares building the attributes when tracing is off.
  if (!tracingStarted()) return handle();
  return inSpan(
    `process ${message.topic}`,
    {
      kind: SpanKind.CONSUMER,
      parent: message.headers,
      attributes: {
        ...messagingAttributes(message.topic, "process"),
        "messaging.consumer.group.name": consumer,
        "messaging.destination.partition.id": String(message.partition),
        "messaging.kafka.offset": Number(message.offset),
      },
    },
    handle,
  );
}
