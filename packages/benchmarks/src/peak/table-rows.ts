import { Client } from "pg";

/** The tables that grow with traffic and must stay bounded (retention sweeps, relays). */
const WATCHED = ["es_inbox", "es_outbox", "idempotency_keys"];
const SERVICE_DATABASES = ["cart", "order", "inventory", "payment", "notification", "gateway"];

/**
 * Rows in each service's inbox, outbox and the gateway's idempotency keys,
 * from PostgreSQL's statistics (n_live_tup: no table scan, so reading them
 * every few seconds does not load the system under test).
 */
export class TableRows {
  private constructor(private readonly clients: Map<string, Client>) {}

  /** `postgresUrl` names any database of the server; the services' own databases are peakshop_<service>. */
  static async open(postgresUrl: string): Promise<TableRows> {
    const clients = new Map<string, Client>();
    for (const service of SERVICE_DATABASES) {
      const url = new URL(postgresUrl);
      url.pathname = `/peakshop_${service}`;
      const client = new Client({ connectionString: url.toString() });
      try {
        await client.connect();
        clients.set(service, client);
      } catch {
        // A database that is not there (a partial system) is simply not watched.
        await client.end().catch(() => undefined);
      }
    }
    return new TableRows(clients);
  }

  /** "order es_inbox" -> rows. */
  async read(): Promise<Record<string, number>> {
    const rows: Record<string, number> = {};
    await Promise.all(
      [...this.clients].map(async ([service, client]) => {
        const { rows: tables } = await client.query<{ relname: string; rows: string }>(
          `SELECT relname, n_live_tup AS rows FROM pg_stat_user_tables WHERE relname = ANY($1)`,
          [WATCHED],
        );
        for (const table of tables) rows[`${service} ${table.relname}`] = Number(table.rows);
      }),
    );
    return rows;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.end().catch(() => undefined)));
  }
}
