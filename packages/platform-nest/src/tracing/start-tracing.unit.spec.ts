import { describe, expect, it } from "vitest";
import { tracingRequested } from "./start-tracing";

describe("tracing is off unless the OTEL_* variables ask for it", () => {
  it.each([
    [{}, false],
    [{ OTEL_TRACES_EXPORTER: "none" }, false],
    [{ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, false],
    [{ OTEL_TRACES_EXPORTER: "zipkin" }, true],
    [{ OTEL_TRACES_EXPORTER: " OTLP , console" }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "" }, false],
    [{ OTEL_SDK_DISABLED: "TRUE", OTEL_TRACES_EXPORTER: "otlp" }, false],
  ])("given %j, then tracing starts: %s", (env, expected) => {
    expect(tracingRequested(env)).toBe(expected);
  });
});
