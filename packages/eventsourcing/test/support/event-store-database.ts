import { testContext } from "@peakshop/testing";
import { DataSource } from "typeorm";
import { EVENTSOURCING_MIGRATIONS } from "../../src/index";

/** A fresh database with the event-store tables, on the run's shared PostgreSQL. */
export async function eventStoreDatabase(
  ctx: ReturnType<typeof testContext>,
  poolSize = 20,
): Promise<DataSource> {
  const url = await ctx.createDatabase(ctx.uniqueName("es"));
  const dataSource = new DataSource({
    type: "postgres",
    url,
    migrations: EVENTSOURCING_MIGRATIONS,
    extra: { max: poolSize },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}
