import { context, trace } from "@opentelemetry/api";
import { getRPCMetadata, RPCType, setRPCMetadata, type RPCMetadata } from "@opentelemetry/core";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeActiveServerSpan } from "./http-route";

const serverSpan = trace.wrapSpanContext({
  traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
  spanId: "00f067aa0ba902b7",
  traceFlags: 1,
});

describe("naming a traced request's server span by its route", () => {
  // The SDK brings the context manager that carries the request's context.
  const sdk = new NodeSDK({ spanProcessors: [], instrumentations: [] });
  beforeAll(() => sdk.start());
  afterAll(() => sdk.shutdown());

  it("given a request under the HTTP instrumentation's span, when it is routed, then the span learns the route template", () => {
    const metadata: RPCMetadata = { type: RPCType.HTTP, span: serverSpan };
    context.with(setRPCMetadata(context.active(), metadata), () =>
      routeActiveServerSpan("/v1/orders/:orderId"),
    );
    expect(metadata.route).toBe("/v1/orders/:orderId");
  });

  it("given no traced request, or no route matched, then nothing is recorded", () => {
    expect(() => routeActiveServerSpan("/v1/checkout")).not.toThrow();
    expect(getRPCMetadata(context.active())).toBeUndefined();
    const metadata: RPCMetadata = { type: RPCType.HTTP, span: serverSpan };
    context.with(setRPCMetadata(context.active(), metadata), () => routeActiveServerSpan(undefined));
    expect(metadata.route).toBeUndefined();
  });
});
