// An OpenTelemetry trace receiver for tests: takes OTLP/HTTP JSON on
// POST /v1/traces (as a collector does) and answers GET /spans?traceId=...
// with what it received, flattened. Keeps at most 100,000 spans.
import { createServer } from "node:http";

const MAX_SPANS = 100_000;
const spans = [];

const serviceOf = (resource) =>
  resource?.attributes?.find((attribute) => attribute.key === "service.name")?.value?.stringValue;

function receive(body) {
  for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
    const service = serviceOf(resourceSpans.resource);
    for (const scopeSpans of resourceSpans.scopeSpans ?? [])
      for (const span of scopeSpans.spans ?? []) {
        if (spans.length >= MAX_SPANS) return;
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          service,
        });
      }
  }
}

createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://receiver");
  if (request.method === "POST" && url.pathname === "/v1/traces") {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      try {
        receive(Buffer.concat(chunks).toString("utf8"));
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      } catch (error) {
        response.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    });
    return;
  }
  if (request.method === "GET" && url.pathname === "/spans") {
    const traceId = url.searchParams.get("traceId");
    const found = traceId ? spans.filter((span) => span.traceId === traceId) : spans;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
    return;
  }
  response.writeHead(404).end();
}).listen(4318, () => process.stdout.write("otlp receiver listening on 4318\n"));
