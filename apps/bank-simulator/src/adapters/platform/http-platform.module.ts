import { Module, type DynamicModule } from "@nestjs/common";
import { TerminusModule } from "@nestjs/terminus";
import { TypeOrmModule } from "@nestjs/typeorm";
import { dataSourceOptions, SERVICE_CONFIG, type DatabaseSettings } from "@peakshop/platform-nest";
import { Registry } from "prom-client";
import type { BankSimulatorConfig } from "../../config";
import { HealthController } from "./health.controller";
import { loggingModule } from "./logging.module";
import { createMetricsRegistry, MetricsController } from "./metrics.controller";

/**
 * PlatformModule without Kafka: logs, health, metrics and the database. The
 * platform's module always builds a Kafka client and checks the broker for
 * readiness, which an HTTP-only service has no use for.
 */
@Module({})
export class HttpPlatformModule {
  static forRoot(config: BankSimulatorConfig, database: DatabaseSettings): DynamicModule {
    return {
      module: HttpPlatformModule,
      global: true,
      imports: [
        loggingModule(config.SERVICE_NAME, config.LOG_LEVEL),
        TerminusModule,
        // Migrations run at start, each in its own transaction, before traffic arrives.
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config, database),
          migrationsRun: true,
          migrationsTransactionMode: "each",
          retryAttempts: 10,
          retryDelay: 1_000,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: Registry, useFactory: () => createMetricsRegistry(config.SERVICE_NAME) },
      ],
      exports: [SERVICE_CONFIG, Registry],
    };
  }
}
