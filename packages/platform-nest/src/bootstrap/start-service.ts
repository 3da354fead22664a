import { randomUUID } from "node:crypto";
import type { INestApplication } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { recordHttpRequests } from "@peakshop/metrics";
import { Logger } from "nestjs-pino";
import { Registry } from "prom-client";
import type { PlatformConfig } from "../config/service-config";
import { ProblemDetailsFilter } from "../http/problem-details.filter";
import { kafkaConsumerServer } from "../kafka/kafka-consumer.server";
import { HandlerSpansInterceptor } from "../tracing/handler-spans";
import { routeServerSpans } from "../tracing/http-route";
import { tracingStarted } from "../tracing/trace-context";

export interface StartOptions {
  /** Consumer group of the service's Kafka event handlers; omit for services that only publish. */
  consumerGroupId?: string;
  /** Listen on this port instead of the configured one (tests pass 0). */
  port?: number;
  /** Browser origins that may call this service (CORS); none: no cross-origin calls. */
  corsOrigins?: readonly string[];
}

/** What a browser on an allowed origin may send, and read of the answers (Retry-After for overload countdowns). */
const CORS_ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "idempotency-key",
  "last-event-id",
  "x-request-id",
];
const CORS_EXPOSED_HEADERS = ["retry-after", "x-request-id", "location"];

/** Longest path parameter the router accepts; routes bound theirs far lower. */
const MAX_PATH_PARAMETER_LENGTH = 2_048;

/**
 * Creates, wires and starts a service: JSON logs, shutdown hooks, the Kafka
 * consumer (if any) and the HTTP listener, in that order so the service only
 * reports ready once it can do its work.
 */
export async function startService(
  rootModule: Parameters<typeof NestFactory.create>[0],
  config: PlatformConfig,
  options: StartOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    new FastifyAdapter({
      requestIdHeader: "x-request-id",
      genReqId: () => randomUUID(),
      // Fastify answers a longer path parameter itself with a bare 414 before any
      // route runs; past 100 characters (its default) a parameter reaches the
      // route's validation instead, which answers 400 problem+json naming it.
      routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    }),
    // A provider that fails while the app is created rejects here (main logs it
    // and exits 1; a test that starts the service fails with the reason) instead
    // of Nest's default process.abort(), which leaves only a native stack.
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  recordHttpRequests(app.getHttpAdapter().getInstance(), app.get(Registry));
  routeServerSpans(app.getHttpAdapter().getInstance());
  if (tracingStarted()) app.useGlobalInterceptors(new HandlerSpansInterceptor());
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: [...options.corsOrigins],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      // Preflights are answered for a day: one per route and origin, not one per request at peak.
      maxAge: 86_400,
    });
  }
  // Modules first (migrations, topics, workers), so a consumer never subscribes
  // to a topic that its own service was about to create.
  await app.init();
  if (options.consumerGroupId) {
    if (!config.KAFKA_BROKERS) throw new Error("a Kafka consumer needs KAFKA_BROKERS");
    app.connectMicroservice(
      {
        strategy: kafkaConsumerServer({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME,
          groupId: options.consumerGroupId,
          batchSize: config.KAFKA_CONSUMER_BATCH_SIZE,
          metrics: app.get(Registry),
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(options.port ?? config.HTTP_PORT, config.HTTP_HOST);
  return app;
}

/**
 * Bounds shutdown: Nest closes the consumer (finishing the message in hand)
 * and the listener on SIGTERM; if that takes longer than the grace period the
 * process exits anyway rather than being killed mid-write by the orchestrator.
 */
export function boundShutdown(timeoutMs: number): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`shutdown exceeded ${timeoutMs} ms; exiting\n`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
