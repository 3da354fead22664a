import type { Pool } from "pg";
import type { DataSource } from "typeorm";

/**
 * The pg pool behind a TypeORM data source. The hot paths (an append or a
 * consumed message's writes outside a transaction, the relay) use it
 * directly: TypeORM's query() adds a query runner per call. The services' pg
 * client prepares what goes through the pool as it does TypeORM's queries.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool) throw new Error("the data source is not an initialised postgres data source");
  return pool;
}
