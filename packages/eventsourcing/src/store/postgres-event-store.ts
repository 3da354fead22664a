import type { QueryResultRow } from "pg";
import type { DataSource, EntityManager } from "typeorm";
import { appendStatement } from "./append-statement";
import { eventsWritten, notifyOnCommit, outboxWritten } from "./commit-signals";
import { pgPoolOf } from "./pg-pool";
import {
  ConcurrencyError,
  type AppendOptions,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from "./event-store";
import { EVENT_COLUMNS, toRecorded, type EventRow } from "./event-row";

const UNIQUE_VIOLATION = "23505";
const ANY_VERSION_ATTEMPTS = 20;

/**
 * Event store on PostgreSQL: streams are the events of one id, numbered from
 * 1 without gaps; the global order is the position in es_events. Optimistic
 * concurrency rests on the unique (stream_id, stream_version) index (see
 * appendStatement): of concurrent appenders at one version, one inserts it and
 * the others fail.
 */
export class PostgresEventStore {
  constructor(private readonly dataSource: DataSource) {}

  async readStream(
    streamId: string,
    fromVersion = 1,
    manager?: EntityManager,
  ): Promise<{ version: number; events: RecordedEvent[] }> {
    const runner = manager ?? this.dataSource.manager;
    const rows: EventRow[] = await runner.query(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, fromVersion],
    );
    // The version comes from the rows this one statement read: a second query
    // could see a commit the first did not, and the caller would decide on a
    // state older than the version it then expects.
    const version = rows.at(-1)?.stream_version ?? fromVersion - 1;
    return { version, events: rows.map(toRecorded) };
  }

  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0 && !options.outbox?.length) {
      throw new Error("append needs at least one event or outbox message");
    }
    const { name, sql, params } = appendStatement(streamId, expected, events, options.outbox ?? []);
    // "any" promises no conflict, so a lost race for the next version is retried
    // (a caller's transaction is aborted by the failure, so not inside one).
    const attempts = expected === "any" && !options.manager ? ANY_VERSION_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const rows: { version: number; positions: string[] }[] = options.manager
          ? await options.manager.query(sql, params)
          : await this.preparedQuery(name, sql, params);
        const [row] = rows;
        if (!row) throw new ConcurrencyError(streamId, expected);
        if (events.length)
          notifyOnCommit(
            options.manager,
            eventsWritten,
            events.map((event) => event.type),
          );
        if (options.outbox?.length) notifyOnCommit(options.manager, outboxWritten);
        return { nextVersion: row.version, globalPositions: row.positions };
      } catch (error) {
        const raced = (error as { code?: string }).code === UNIQUE_VIOLATION;
        if (raced && attempt < attempts) continue;
        if (raced) throw new ConcurrencyError(streamId, expected);
        throw error;
      }
    }
  }

  /**
   * Runs a named prepared statement on a pooled connection: PostgreSQL plans
   * the append once per connection instead of on every call. TypeORM's query()
   * cannot name statements, so the hot path talks to its pg pool directly.
   */
  private async preparedQuery<Row>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const result = await pgPoolOf(this.dataSource).query<Row & QueryResultRow>({ name, text, values });
    return result.rows;
  }
}
