import { context, trace } from "@opentelemetry/api";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../kafka/kafka.port";
import { consumeTraced, publishTraced } from "./kafka-spans";
import {
  activeTraceIds,
  continueTrace,
  activeTraceparent,
  markTracingStarted,
  stopTracing,
  withTraceparent,
} from "./trace-context";

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
const sdk = new NodeSDK({ spanProcessors: [processor], instrumentations: [] });
const finishedSpans = async (name: string) => {
  await processor.forceFlush();
  return exporter.getFinishedSpans().filter((span) => span.name === name);
};

const idsOf = (traceparent: string | undefined) => {
  const [, traceId, spanId] = traceparent?.split("-") ?? [];
  return { traceId, spanId };
};

const message = (headers: Record<string, string>): IncomingMessage => ({
  topic: "peakshop.order.events.v1",
  partition: 1,
  offset: "7",
  key: "order-1",
  value: null,
  headers,
});

describe("trace context across Kafka (the outbox in between)", () => {
  beforeAll(() => {
    sdk.start();
    markTracingStarted(() => sdk.shutdown());
  });
  afterAll(() => stopTracing());
  beforeEach(async () => {
    await processor.forceFlush();
    exporter.reset();
  });

  it("given a request's span, when an outbox row is written, then the row carries that span's traceparent", () => {
    const span = trace.getTracer("test").startSpan("POST /v1/carts/me/checkout");
    const headers = context.with(trace.setSpan(context.active(), span), () =>
      withTraceparent({ ce_id: "1" }, activeTraceparent()),
    );
    span.end();
    expect(idsOf(headers.traceparent)).toEqual({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
    });
    expect(headers.ce_id).toBe("1");
  });

  it("given a stored traceparent, when the relay publishes later, then the publish span is its child and the record leaves with the publish span's context", async () => {
    const written = trace.getTracer("test").startSpan("append");
    written.end();
    const stored = `00-${written.spanContext().traceId}-${written.spanContext().spanId}-01`;
    const sent: Record<string, string>[] = [];

    await publishTraced(
      [{ topic: "t", key: "k", value: "v", headers: { traceparent: stored } }],
      async (records) => {
        sent.push(...records.map((record) => record.headers ?? {}));
      },
    );

    const [publish] = await finishedSpans("send t");
    expect(publish?.spanContext().traceId).toBe(written.spanContext().traceId);
    expect(publish?.parentSpanContext?.spanId).toBe(written.spanContext().spanId);
    expect(idsOf(sent[0]?.traceparent)).toEqual({
      traceId: written.spanContext().traceId,
      spanId: publish?.spanContext().spanId,
    });
  });

  it("given a consumed message, when it is handled, then the handler runs in a child span of the message's context and its logs name it", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const seen = await consumeTraced(message({ traceparent }), "order", async () => ({
      traceparent: activeTraceparent(),
      log: activeTraceIds(),
    }));

    const [process] = await finishedSpans("process peakshop.order.events.v1");
    expect(process?.name).toBe("process peakshop.order.events.v1");
    expect(process?.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(idsOf(seen.traceparent)).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: process?.spanContext().spanId,
    });
    expect(seen.log).toEqual({
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      span_id: process?.spanContext().spanId,
    });
  });

  it("given a handler that fails, when the message is handled, then its span ends in error and the failure propagates", async () => {
    await expect(
      consumeTraced(message({}), "order", () => Promise.reject(new Error("bank unreachable"))),
    ).rejects.toThrow("bank unreachable");
    const [process] = await finishedSpans("process peakshop.order.events.v1");
    expect(process?.status).toMatchObject({ code: 2, message: "bank unreachable" });
  });

  it("given work picked up later, when it kept a trace it continues it, and when it kept none it runs in no span", async () => {
    const stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const inside = await continueTrace("payment charge", stored, { "peakshop.payment.id": "p-1" }, async () =>
      activeTraceIds(),
    );
    const [span] = await finishedSpans("payment charge");
    expect(span?.parentSpanContext?.spanId).toBe("00f067aa0ba902b7");
    expect(inside).toEqual({
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      span_id: span?.spanContext().spanId,
    });
    expect(await continueTrace("payment charge", undefined, {}, async () => activeTraceIds())).toEqual({});
    expect(await finishedSpans("payment charge")).toHaveLength(1);
  });
});
