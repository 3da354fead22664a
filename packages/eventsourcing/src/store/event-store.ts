import type { EntityManager } from "typeorm";

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

export interface AppendOptions {
  /** Messages to publish, written in the same transaction as the events. */
  outbox?: OutboxMessage[];
  /** Join a transaction the caller already opened. */
  manager?: EntityManager;
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
