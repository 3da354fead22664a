import { DataSource } from "typeorm";
import type { ServiceConfig } from "../config/service-config";
import { dataSourceOptions, type DatabaseSettings } from "./database.module";

/**
 * Applies pending migrations and returns their names. Services also run them at
 * start; this is the same step on its own, for a deploy job that migrates
 * before new pods roll out.
 */
export async function runMigrations(
  config: Pick<ServiceConfig, "DATABASE_URL" | "SERVICE_NAME">,
  settings: DatabaseSettings,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config, settings));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: "each" });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
