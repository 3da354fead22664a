import { crc32 } from "node:zlib";
import { activeTraceparent, withTraceparent } from "@peakshop/platform-nest";
import type { EntityManager } from "typeorm";
import { notifyOnCommit, outboxWritten } from "../store/commit-signals";
import type { OutboxMessage } from "../store/event-store";

/**
 * Rows are spread over slots by key; one relay at a time owns a slot, so every
 * key's messages leave in the order they were written.
 */
export const OUTBOX_SLOTS = 16;

export const slotOf = (key: string): number => crc32(key) % OUTBOX_SLOTS;

/**
 * es_outbox's columns for `messages` (each with the trace context of the
 * work that wrote it, which the relay continues when it publishes), as arrays for unnest():
 * `unnest($n::smallint[], $n+1::text[], $n+2::text[], $n+3::text[], $n+4::jsonb[])`
 * gives (slot, topic, message_key, value, headers).
 */
export function outboxColumns(messages: readonly OutboxMessage[]): unknown[] {
  const traceparent = activeTraceparent();
  return [
    messages.map((message) => slotOf(message.key)),
    messages.map((message) => message.topic),
    messages.map((message) => message.key),
    messages.map((message) => message.value),
    messages.map((message) => JSON.stringify(withTraceparent(message.headers, traceparent))),
  ];
}

/** Writes messages to the outbox inside the caller's transaction. */
export async function enqueueOutbox(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await manager.query(
    `INSERT INTO es_outbox (slot, topic, message_key, value, headers)
     SELECT * FROM unnest($1::smallint[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    outboxColumns(messages),
  );
  notifyOnCommit(manager, outboxWritten);
}
