import { TypeOrmModule } from "@nestjs/typeorm";
import type { DataSourceOptions } from "typeorm";
import type { PlatformConfig } from "../config/service-config";
import { PeakshopPgClient } from "./pg-client";

export interface DatabaseSettings {
  entities: NonNullable<DataSourceOptions["entities"]>;
  migrations: NonNullable<DataSourceOptions["migrations"]>;
}

type DatabaseTuning = Pick<
  PlatformConfig,
  | "DATABASE_PREPARED_STATEMENTS"
  | "DATABASE_PIPELINE"
  | "DATABASE_STATEMENT_TIMEOUT_MS"
  | "DATABASE_LOCK_TIMEOUT_MS"
  | "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS"
  | "DATABASE_POOL_SIZE"
  | "DATABASE_POOL_IDLE_TIMEOUT_MS"
>;

/**
 * The session timeouts pg sends when it connects: a runaway statement, a
 * lock wait behind a stuck transaction, or a transaction left open by a hung
 * process would otherwise hold a connection and its locks without end. What
 * they cancel fails as infrastructure trouble, so consumers wait and retry.
 * pg sends none that is 0 or unset: the server's own setting applies then.
 */
const sessionTimeouts = (config: Partial<DatabaseTuning>) => ({
  statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
  lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS,
  idle_in_transaction_session_timeout: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
});

/** The data source options a service and its migration command share. */
export function dataSourceOptions(
  config: Pick<PlatformConfig, "DATABASE_URL" | "SERVICE_NAME"> & Partial<DatabaseTuning>,
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
      max: config.DATABASE_POOL_SIZE ?? 10,
      // pg-pool reuses the connection released last, so under steady load the
      // ones below it idle out and are opened again at the next burst: with
      // pg's 10 s, order opened a connection per six sagas at a 24/s hold.
      idleTimeoutMillis: config.DATABASE_POOL_IDLE_TIMEOUT_MS ?? 600_000,
      connectionTimeoutMillis: 5_000,
      Client: PeakshopPgClient,
      prepareStatements: config.DATABASE_PREPARED_STATEMENTS !== false,
      pipeline: config.DATABASE_PIPELINE !== false,
      ...sessionTimeouts(config),
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
