import type { Pool } from "pg";
import type { DataSource } from "typeorm";

/**
 * The pg pool behind a TypeORM data source. The hot paths (append, relay) use
 * it for named prepared statements, which TypeORM's query() cannot issue;
 * everything else goes through TypeORM.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error("the data source is not an initialised postgres data source");
  return pool;
}
