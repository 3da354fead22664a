import "./use-reaper-image";
import { Client } from "pg";
import { GenericContainer, Wait, type StartedTestContainer } from "testcontainers";
import { resolveImages } from "./images";
import { waitFor } from "./wait-for";

export interface PostgresEndpoint {
  /** URL of a database the caller may create other databases from. */
  adminUrl: string;
  /** Creates a fresh database (dropping any of that name) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** The container's id when this run started one (benchmarks read its CPU time). */
  containerId?: string;
  stop(): Promise<void>;
}

const USER = "peakshop";
const PASSWORD = "peakshop";

async function queryOnce(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a fresh database (dropping any of that name) on the server and returns its URL. */
export async function createDatabaseOn(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  await queryOnce(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await queryOnce(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function endpoint(adminUrl: string, stop: () => Promise<void>, containerId?: string): PostgresEndpoint {
  return { adminUrl, stop, containerId, createDatabase: (name) => createDatabaseOn(adminUrl, name) };
}

/**
 * A PostgreSQL server for tests: the one at DATABASE_URL if set, otherwise a
 * container from the configured image. Ready means it answered a query.
 */
export async function startPostgres(
  env: NodeJS.ProcessEnv = process.env,
  { durable = false }: { durable?: boolean } = {},
): Promise<PostgresEndpoint> {
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    await waitFor(() => queryOnce(url, "SELECT 1").then(() => true), {
      timeoutMs: 30_000,
      description: `PostgreSQL at ${url}`,
    });
    return endpoint(url, async () => undefined);
  }
  let definition = new GenericContainer(resolveImages(env).postgres)
    .withEnvironment({ POSTGRES_USER: USER, POSTGRES_PASSWORD: PASSWORD, POSTGRES_DB: USER })
    .withExposedPorts(5432)
    .withCommand(["postgres", "-c", "max_connections=300"]);
  if (!durable) {
    // Tests need a database that behaves, not one that survives power loss:
    // data in memory, no fsync. Benchmarks keep both, as production does. The
    // tmpfs is world-writable so images that run as the postgres user (ours)
    // and images that start as root (official) can both initialise it.
    definition = definition
      .withEnvironment({ PGDATA: "/pgdata/data" })
      .withTmpFs({ "/pgdata": "rw,mode=1777" })
      .withCommand([
        "postgres",
        "-c",
        "max_connections=300",
        "-c",
        "fsync=off",
        "-c",
        "full_page_writes=off",
      ]);
  }
  const container: StartedTestContainer = await definition
    .withWaitStrategy(Wait.forListeningPorts())
    .withStartupTimeout(120_000)
    .start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@${container.getHost()}:${container.getMappedPort(5432)}/${USER}`;
  await waitFor(() => queryOnce(adminUrl, "SELECT 1").then(() => true), {
    timeoutMs: 60_000,
    description: "PostgreSQL to answer a query",
  });
  return endpoint(
    adminUrl,
    async () => {
      await container.stop();
    },
    container.getId(),
  );
}
