import { Controller, Get, Module, NotFoundException, Param, type INestApplication } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HandlerSpansInterceptor } from "./handler-spans";
import { inSpan, markTracingStarted, stopTracing } from "./trace-context";

@Controller("lanterns")
class LanternsController {
  @Get(":sku")
  async find(@Param("sku") sku: string): Promise<{ sku: string }> {
    // Work the handler awaits: its span should hang under the handler's.
    await inSpan("look up lantern", {}, () => new Promise((resolve) => setTimeout(resolve, 5)));
    if (sku === "missing") throw new NotFoundException();
    return { sku };
  }
}

@Module({ controllers: [LanternsController] })
class LanternsModule {}

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
const sdk = new NodeSDK({ spanProcessors: [processor], instrumentations: [] });

describe("a span per NestJS handler", () => {
  let app: INestApplication;

  beforeAll(async () => {
    sdk.start();
    markTracingStarted(() => sdk.shutdown());
    app = await NestFactory.create<NestFastifyApplication>(LanternsModule, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalInterceptors(new HandlerSpansInterceptor());
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await stopTracing();
  });
  beforeEach(() => exporter.reset());

  const get = async (url: string) => {
    const answer = await (app as NestFastifyApplication).inject({ method: "GET", url });
    await processor.forceFlush();
    return answer.statusCode;
  };

  it("given a request, when its handler runs, then one span names controller and handler, parent of what it awaited", async () => {
    expect(await get("/lanterns/l-1")).toBe(200);
    const spans = exporter.getFinishedSpans();
    const handler = spans.find((span) => span.name === "LanternsController.find");
    expect(handler?.attributes).toEqual({
      "nestjs.type": "handler",
      "nestjs.controller": "LanternsController",
      "nestjs.callback": "find",
    });
    const lookup = spans.find((span) => span.name === "look up lantern");
    expect(lookup?.parentSpanContext?.spanId).toBe(handler?.spanContext().spanId);
    expect(lookup?.spanContext().traceId).toBe(handler?.spanContext().traceId);
  });

  it("given a handler that throws, then its span ends as an error", async () => {
    expect(await get("/lanterns/missing")).toBe(404);
    const [handler] = exporter.getFinishedSpans().filter((span) => span.name === "LanternsController.find");
    expect(handler?.status.code).toBe(2);
  });
});
