import { TypeOrmModule } from "@nestjs/typeorm";
import type { DataSourceOptions } from "typeorm";
import type { PlatformConfig } from "../config/service-config";
import { PreparingClient } from "./preparing-client";

export interface DatabaseSettings {
  entities: NonNullable<DataSourceOptions["entities"]>;
  migrations: NonNullable<DataSourceOptions["migrations"]>;
}

/** The data source options a service and its migration command share. */
export function dataSourceOptions(
  config: Pick<PlatformConfig, "DATABASE_URL" | "SERVICE_NAME"> &
    Partial<Pick<PlatformConfig, "DATABASE_PREPARED_STATEMENTS">>,
  settings: DatabaseSettings,
) {
  return {
    type: "postgres" as const,
    url: config.DATABASE_URL,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: "typeorm_migrations",
    synchronize: false,
    applicationName: config.SERVICE_NAME,
    extra: {
      max: 10,
      connectionTimeoutMillis: 5_000,
      ...(config.DATABASE_PREPARED_STATEMENTS === false ? {} : { Client: PreparingClient }),
    },
  };
}

/** Migrations run at service start, inside a transaction, before traffic arrives. */
export function databaseModule(config: PlatformConfig, settings: DatabaseSettings) {
  return TypeOrmModule.forRoot({
    ...dataSourceOptions(config, settings),
    migrationsRun: true,
    migrationsTransactionMode: "each",
    retryAttempts: 10,
    retryDelay: 1_000,
  });
}
