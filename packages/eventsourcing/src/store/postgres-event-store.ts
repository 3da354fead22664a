import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { enqueueOutbox } from "../outbox/outbox-writer";
import {
  ConcurrencyError,
  type AppendOptions,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from "./event-store";
import { EVENT_COLUMNS, toRecorded, type EventRow } from "./event-row";

/**
 * Event store on PostgreSQL. Optimistic concurrency rests on the stream row:
 * an append moves it from the expected version to the new one, or fails; the
 * row lock makes concurrent appenders to one stream queue, and all but the
 * first see a version they did not expect.
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
    const work = (manager: EntityManager) => this.appendIn(manager, streamId, expected, events, options);
    return options.manager ? work(options.manager) : this.dataSource.transaction(work);
  }

  private async appendIn(
    manager: EntityManager,
    streamId: string,
    expected: ExpectedVersion,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const current = await this.moveStreamVersion(manager, streamId, expected, events.length);
    const firstVersion = current - events.length + 1;
    const rows: { global_position: string }[] = events.length
      ? await manager.query(
          `INSERT INTO es_events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
           SELECT $1, v, id, t, sv, d, m
             FROM unnest($2::int[], $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[]) AS e(v, id, t, sv, d, m)
           RETURNING global_position`,
          [
            streamId,
            events.map((_, index) => firstVersion + index),
            events.map((event) => event.id ?? randomUUID()),
            events.map((event) => event.type),
            events.map((event) => event.schemaVersion ?? 1),
            events.map((event) => JSON.stringify(event.data)),
            events.map((event) => JSON.stringify(event.metadata ?? {})),
          ],
        )
      : [];
    if (options.outbox?.length) await enqueueOutbox(manager, options.outbox);
    return { nextVersion: current, globalPositions: rows.map((row) => row.global_position) };
  }

  /** Returns the stream's new version, or throws ConcurrencyError. */
  private async moveStreamVersion(
    manager: EntityManager,
    streamId: string,
    expected: ExpectedVersion,
    count: number,
  ): Promise<number> {
    let rows: { version: number }[];
    if (expected === "any") {
      rows = await manager.query(
        `INSERT INTO es_streams (stream_id, version) VALUES ($1, $2)
         ON CONFLICT (stream_id) DO UPDATE SET version = es_streams.version + $2, updated_at = now()
         RETURNING version`,
        [streamId, count],
      );
    } else if (expected === 0) {
      rows = await manager.query(
        `INSERT INTO es_streams (stream_id, version) VALUES ($1, $2) ON CONFLICT (stream_id) DO NOTHING RETURNING version`,
        [streamId, count],
      );
    } else {
      rows = await manager.query(
        `UPDATE es_streams SET version = version + $3, updated_at = now()
          WHERE stream_id = $1 AND version = $2 RETURNING version`,
        [streamId, expected, count],
      );
      // TypeORM returns [rows, affected] for UPDATE ... RETURNING.
      rows = Array.isArray(rows[0]) ? (rows[0] as unknown as { version: number }[]) : rows;
    }
    const [row] = rows;
    if (!row) throw new ConcurrencyError(streamId, expected);
    return row.version;
  }
}
