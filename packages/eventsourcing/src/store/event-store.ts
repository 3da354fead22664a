import type { EntityManager } from "typeorm";
import type { SqlStatement } from "./sql-statement";

/** Trace and causality metadata stored with every event. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  [key: string]: unknown;
}

export interface NewEvent {
  /** Defaults to a random UUID; pass one to make an append idempotent. */
  id?: string;
  type: string;
  schemaVersion?: number;
  data: unknown;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  globalPosition: string;
  streamId: string;
  streamVersion: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
}

/** A message the outbox relay publishes after the transaction commits. */
export interface OutboxMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** Expected stream version: 0 for a stream that must not exist yet. */
export type ExpectedVersion = number | "any";

/** A consumed message as the inbox records it: handled at most once per consumer. */
export interface InboxEntry {
  consumer: string;
  messageId: string;
}

export interface AppendOptions {
  /** Messages to publish, written in the same statement as the events. */
  outbox?: OutboxMessage[];
  /** Join a transaction the caller already opened. */
  manager?: EntityManager;
  /** Records this consumed message in the inbox with the events; a duplicate throws MessageAlreadyHandled. */
  inbox?: InboxEntry;
  /** More writes that commit or fail with the events (see appendStatement). */
  writes?: readonly SqlStatement[];
}

export interface AppendResult {
  nextVersion: number;
  globalPositions: string[];
}

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
  ) {
    super(`Stream ${streamId} is not at version ${expectedVersion}; another writer appended first`);
    this.name = "ConcurrencyError";
  }
}

/** The inbox already holds the message an append acted on: nothing was written. */
export class MessageAlreadyHandled extends Error {
  constructor(readonly entry: InboxEntry) {
    super(`${entry.consumer} already handled message ${entry.messageId}`);
    this.name = "MessageAlreadyHandled";
  }
}
