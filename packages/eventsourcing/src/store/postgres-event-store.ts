import type { DataSource, EntityManager } from "typeorm";
import { isInboxDuplicate } from "../inbox/inbox-row";
import { appendStatement } from "./append-statement";
import { eventsWritten, notifyOnCommit, outboxWritten } from "./commit-signals";
import { pgPoolOf } from "./pg-pool";
import {
  ConcurrencyError,
  MessageAlreadyHandled,
  type AppendOptions,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from "./event-store";
import { EVENT_COLUMNS, toRecorded, type EventRow } from "./event-row";

const UNIQUE_VIOLATION = "23505";
/** es_expect_version's answer to a stream at another version than expected. */
const WRONG_VERSION = "ES409";
const STREAM_VERSION_KEY = "es_events_stream_id_stream_version_key";
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
    const { text, values } = appendStatement(streamId, expected, events, options.outbox ?? [], options);
    // "any" promises no conflict, so a lost race for the next version is retried
    // (a caller's transaction is aborted by the failure, so not inside one).
    const attempts = expected === "any" && !options.manager ? ANY_VERSION_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        // Without a transaction the statement goes to the pool directly: the
        // services' pg client prepares it (TypeORM's query() adds a query
        // runner per call and nothing else here).
        const rows: { version: number; positions: string[] }[] = options.manager
          ? await options.manager.query(text, values as unknown[])
          : (await pgPoolOf(this.dataSource).query(text, values as unknown[])).rows;
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
        const failure = appendFailureOf(error);
        if (failure === "duplicate") throw new MessageAlreadyHandled(options.inbox!);
        if (failure === "raced" && attempt < attempts) continue;
        if (failure) throw new ConcurrencyError(streamId, expected);
        throw error;
      }
    }
  }
}

/**
 * Why an append's statement failed, when it is one of the failures an append
 * expects: the stream moved on ("stale", checked before writing), another
 * appender took the same version at once ("raced"), or the inbox already holds
 * the message ("duplicate"). Any other failure (say, a unique key of one of
 * the extra writes) is the caller's.
 */
function appendFailureOf(error: unknown): "stale" | "raced" | "duplicate" | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code === WRONG_VERSION) return "stale";
  if (code !== UNIQUE_VIOLATION) return undefined;
  if (isInboxDuplicate(error)) return "duplicate";
  return constraint === STREAM_VERSION_KEY ? "raced" : undefined;
}
