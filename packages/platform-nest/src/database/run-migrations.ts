import { DataSource } from "typeorm";
import type { ServiceConfig } from "../config/service-config";
import { dataSourceOptions, type DatabaseSettings } from "./database.module";

/**
 * Applies pending migrations and returns their names. Services also run them at
 * start; this is the same step on its own, for a deploy job that migrates
 * before new pods roll out.
 */
export async function runMigrations(
  config: Pick<ServiceConfig, "DATABASE_URL" | "SERVICE_NAME"> &
    Partial<Pick<ServiceConfig, "DATABASE_LOCK_TIMEOUT_MS">>,
  settings: DatabaseSettings,
): Promise<string[]> {
  // No statement timeout of ours (0 leaves the server's): an index build on a large table may take minutes.
  // The lock timeout stays: a migration waiting for a lock blocks the traffic
  // queued behind it, and failing the deploy job is the better outcome.
  const dataSource = new DataSource(
    dataSourceOptions({ ...config, DATABASE_STATEMENT_TIMEOUT_MS: 0 }, settings),
  );
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: "each" });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
