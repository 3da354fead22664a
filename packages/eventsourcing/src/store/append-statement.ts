import { randomUUID } from "node:crypto";
import { slotOf } from "../outbox/outbox-writer";
import type { ExpectedVersion, NewEvent, OutboxMessage } from "./event-store";

/**
 * One statement appends events and outbox rows: a statement is atomic on its
 * own, so an append costs one round trip instead of five (BEGIN, writes,
 * COMMIT). Optimistic concurrency rests on the unique (stream_id,
 * stream_version) index: a writer that read an older version inserts a version
 * that already exists and the whole statement fails with a unique violation.
 */
export function appendStatement(
  streamId: string,
  expected: ExpectedVersion,
  events: readonly NewEvent[],
  outbox: readonly OutboxMessage[],
): { name: string; sql: string; params: unknown[] } {
  const params: unknown[] = [
    streamId,
    expected === "any" ? null : expected,
    events.map((event) => event.id ?? randomUUID()),
    events.map((event) => event.type),
    events.map((event) => event.schemaVersion ?? 1),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(event.metadata ?? {})),
    outbox.map((message) => slotOf(message.key)),
    outbox.map((message) => message.topic),
    outbox.map((message) => message.key),
    outbox.map((message) => message.value),
    outbox.map((message) => JSON.stringify(message.headers ?? {})),
  ];
  // The base version: the expected one, or for "any" the stream's current one.
  // A stream that is not at the expected version yields no base row, so
  // nothing is written (and the caller sees a conflict).
  const sql = `
    WITH current AS (
      SELECT COALESCE(max(stream_version), 0) AS version FROM es_events WHERE stream_id = $1
    ),
    base AS (
      SELECT version FROM current WHERE $2::int IS NULL OR version = $2::int
    ),
    appended AS (
      INSERT INTO es_events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
      SELECT $1, base.version + e.ord, e.id, e.t, e.sv, e.d, e.m
        FROM base, unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[]) WITH ORDINALITY AS e(id, t, sv, d, m, ord)
      RETURNING global_position, stream_version
    ),
    queued AS (
      INSERT INTO es_outbox (slot, topic, message_key, value, headers)
      SELECT o.slot, o.topic, o.k, o.v, o.h
        FROM base, unnest($8::smallint[], $9::text[], $10::text[], $11::text[], $12::jsonb[]) AS o(slot, topic, k, v, h)
      RETURNING 1
    )
    SELECT base.version + cardinality($4::text[]) AS version,
           ARRAY(SELECT global_position::text FROM appended ORDER BY global_position) AS positions,
           (SELECT count(*) FROM queued)::int AS queued
      FROM base`;
  return { name: "es_append", sql, params };
}
