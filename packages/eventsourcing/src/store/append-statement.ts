import { randomUUID } from "node:crypto";
import { activeTraceparent } from "@peakshop/platform-nest";
import { outboxColumns } from "../outbox/outbox-writer";
import type { ExpectedVersion, InboxEntry, NewEvent, OutboxMessage } from "./event-store";
import { inboxRow } from "../inbox/inbox-row";
import { writeCtes, type SqlStatement } from "./sql-statement";

/** What else an append writes in its statement. */
export interface AppendExtras {
  /** The consumed message this append acts on: recorded in the inbox, a duplicate fails the statement. */
  inbox?: InboxEntry;
  /** Data-modifying statements (INSERT, UPDATE, DELETE) that commit or fail with the events. */
  writes?: readonly SqlStatement[];
}

/**
 * One statement appends events and outbox rows (and, given them, the inbox
 * row of the message acted on and the aggregate's other writes): a statement
 * is atomic on its own, so an append needs no transaction around it, and the
 * database parses, plans and answers one statement instead of five or more.
 *
 * Optimistic concurrency: es_expect_version raises ES409 when the stream is
 * not at the expected version, which aborts every write of the statement; two
 * appenders that both passed it insert the same version, and the unique
 * (stream_id, stream_version) index fails the later one.
 */
export function appendStatement(
  streamId: string,
  expected: ExpectedVersion,
  events: readonly NewEvent[],
  outbox: readonly OutboxMessage[],
  extras: AppendExtras = {},
): SqlStatement {
  // Each event keeps the trace it was appended in (EventMetadata.traceparent).
  const traceparent = activeTraceparent();
  const metadataOf = (event: NewEvent) =>
    traceparent && !event.metadata?.traceparent ? { ...event.metadata, traceparent } : (event.metadata ?? {});
  const values: unknown[] = [
    streamId,
    expected === "any" ? null : expected,
    events.map((event) => event.id ?? randomUUID()),
    events.map((event) => event.type),
    events.map((event) => event.schemaVersion ?? 1),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(metadataOf(event))),
    ...outboxColumns(outbox),
  ];
  const more = writeCtes(
    [...(extras.inbox ? [inboxRow(extras.inbox)] : []), ...(extras.writes ?? [])],
    values,
  );
  const text = `
    WITH base AS (SELECT es_expect_version($1, $2::int) AS version),
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
    )${more.map((part) => `,\n    ${part}`).join("")}
    SELECT base.version + cardinality($4::text[]) AS version,
           ARRAY(SELECT global_position::text FROM appended ORDER BY global_position) AS positions,
           (SELECT count(*) FROM queued)::int AS queued
      FROM base`;
  return { text, values };
}
