import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from "@nestjs/common";
import { TerminusModule } from "@nestjs/terminus";
import { Registry } from "prom-client";
import { SERVICE_CONFIG, type PlatformConfig } from "./config/service-config";
import { databaseModule, type DatabaseSettings } from "./database/database.module";
import { HealthController } from "./health/health.controller";
import { KafkaHealthIndicator } from "./health/kafka.health-indicator";
import { KafkaPort } from "./kafka/kafka.port";
import { KafkajsAdapter } from "./kafka/kafkajs.adapter";
import { loggingModule } from "./logging/logging.module";
import { MetricsController } from "./metrics/metrics.controller";
import { createMetricsRegistry } from "@peakshop/metrics";
import { stopTracing } from "./tracing/trace-context";

class KafkaPortLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KafkaPort) private readonly kafka: KafkaPort) {}

  async onApplicationShutdown(): Promise<void> {
    await this.kafka.close();
  }
}

/** Sends the spans still batched when the service stops. */
class TracingLifecycle implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/**
 * Everything a peakshop service gets for free: config, logs, health, metrics,
 * database, and the Kafka port when the config names brokers.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig, database: DatabaseSettings): DynamicModule {
    const brokers = config.KAFKA_BROKERS;
    const kafkaProviders: Provider[] = brokers
      ? [
          {
            provide: KafkaPort,
            useFactory: () =>
              new KafkajsAdapter({
                brokers,
                clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME,
                service: config.SERVICE_NAME,
                logLevel: config.LOG_LEVEL,
              }),
          },
          KafkaPortLifecycle,
          KafkaHealthIndicator,
        ]
      : [];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        loggingModule(config.SERVICE_NAME, config.LOG_LEVEL),
        TerminusModule,
        databaseModule(config, database),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: Registry, useFactory: () => createMetricsRegistry(config.SERVICE_NAME) },
        ...kafkaProviders,
        TracingLifecycle,
      ],
      exports: [SERVICE_CONFIG, Registry, ...(brokers ? [KafkaPort] : [])],
    };
  }
}
