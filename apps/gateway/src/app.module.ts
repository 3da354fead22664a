import { Module, type DynamicModule } from "@nestjs/common";
import { ThrottlerModule } from "@nestjs/throttler";
import { PlatformModule } from "@peakshop/platform-nest";
import { AuthGuard } from "./adapters/http/auth.guard";
import { rateLimitOptions } from "./adapters/http/customer-rate-limit.guard";
import { ApiDocsController } from "./adapters/http/openapi/api-docs.controller";
import { PUBLIC_CONTROLLERS } from "./adapters/http/public-controllers";
import { EventStreams } from "./adapters/http/event-streams";
import { MethodNotAllowedHook } from "./adapters/http/method-not-allowed.hook";
import { AdmissionHook } from "./adapters/http/admission.hook";
import { RequestIdHook } from "./adapters/http/request-id.hook";
import { TokenVerifier } from "./adapters/http/token-verifier";
import { AdmissionMetrics } from "./adapters/metrics/admission.metrics";
import { ExpiredKeysWorker } from "./adapters/persistence/expired-keys.worker";
import { IdempotencyKeyEntity } from "./adapters/persistence/idempotency-key.entity";
import { CreateIdempotencyKeys1764200000000 } from "./adapters/persistence/migrations/1764200000000-create-idempotency-keys";
import { PostgresIdempotencyStore } from "./adapters/persistence/postgres-idempotency.store";
import { SagaBacklogWatcher } from "./adapters/upstream/saga-backlog.watcher";
import { SharedPoller } from "./adapters/upstream/shared-poller";
import { UpstreamClient } from "./adapters/upstream/upstream.client";
import { IdempotencyStore } from "./application/idempotency-store.port";
import { IdempotentRequestHandler } from "./application/idempotent-request.handler";
import type { GatewayConfig } from "./config";
import { GradientLimit } from "./domain/gradient-limit";
import { InFlightLimit, OpenStreams, RequestLimit } from "./domain/in-flight-limit";
import { SagaBacklogGate } from "./domain/saga-backlog-gate";

export const GATEWAY_ENTITIES = [IdempotencyKeyEntity];
export const GATEWAY_MIGRATIONS = [CreateIdempotencyKeys1764200000000];

/** The global limit of requests at once: adaptive by default, fixed on request (GATEWAY_ADMISSION). */
function requestLimitOf(config: GatewayConfig): RequestLimit {
  if (config.GATEWAY_ADMISSION === "static") return new InFlightLimit(config.GATEWAY_MAX_IN_FLIGHT);
  const max = config.GATEWAY_MAX_IN_FLIGHT;
  const min = Math.min(config.GATEWAY_MIN_IN_FLIGHT, max);
  return new GradientLimit({
    min,
    max,
    // Start where a few dozen requests fit; the limit grows while it is used and latency holds.
    initial: Math.min(max, Math.max(min, 64)),
    tolerance: config.GATEWAY_ADMISSION_TOLERANCE,
  });
}

/** Checkouts refused while the saga is behind (GATEWAY_SAGA_BACKLOG_TARGET_MS); readings trusted for 3 polls. */
const sagaBacklogGateOf = (config: GatewayConfig) =>
  new SagaBacklogGate({
    targetMs: config.GATEWAY_SAGA_BACKLOG_TARGET_MS,
    staleAfterMs: 3 * config.GATEWAY_SAGA_BACKLOG_POLL_MS,
  });

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      // No KAFKA_BROKERS in its config: the platform gives it no Kafka client and checks no broker.
      imports: [
        PlatformModule.forRoot(config, { entities: GATEWAY_ENTITIES, migrations: GATEWAY_MIGRATIONS }),
        ThrottlerModule.forRoot(rateLimitOptions(config)),
      ],
      controllers: [...PUBLIC_CONTROLLERS, ApiDocsController],
      providers: [
        RequestIdHook,
        MethodNotAllowedHook,
        { provide: RequestLimit, useValue: requestLimitOf(config) },
        AdmissionMetrics,
        { provide: SagaBacklogGate, useValue: sagaBacklogGateOf(config) },
        AdmissionHook,
        TokenVerifier,
        AuthGuard,
        UpstreamClient,
        SharedPoller,
        SagaBacklogWatcher,
        { provide: OpenStreams, useValue: new OpenStreams(config.SSE_MAX_STREAMS) },
        EventStreams,
        { provide: IdempotencyStore, useClass: PostgresIdempotencyStore },
        IdempotentRequestHandler,
        ExpiredKeysWorker,
      ],
    };
  }
}
