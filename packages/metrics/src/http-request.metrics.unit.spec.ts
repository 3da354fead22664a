import Fastify from "fastify";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { recordHttpRequests } from "./http-request.metrics";

describe("peakshop_http_request_duration_seconds", () => {
  it("counts each answer by method, route template and status, and unknown paths as one route", async () => {
    const registry = new Registry();
    const server = Fastify();
    recordHttpRequests(server, registry);
    server.get("/v1/orders/:orderId", async (request, reply) =>
      (request.params as { orderId: string }).orderId === "missing" ? reply.code(404).send() : { ok: true },
    );
    for (const url of ["/v1/orders/a", "/v1/orders/b", "/v1/orders/missing", "/nowhere/1", "/nowhere/2"])
      await server.inject({ method: "GET", url });
    const counts = (await registry.getSingleMetricAsString("peakshop_http_request_duration_seconds"))
      .split("\n")
      .filter((line) => line.startsWith("peakshop_http_request_duration_seconds_count"));
    expect(counts).toEqual([
      'peakshop_http_request_duration_seconds_count{method="GET",route="/v1/orders/:orderId",status_code="200"} 2',
      'peakshop_http_request_duration_seconds_count{method="GET",route="/v1/orders/:orderId",status_code="404"} 1',
      'peakshop_http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 2',
    ]);
    await server.close();
  });
});
