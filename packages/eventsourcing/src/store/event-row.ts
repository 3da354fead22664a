import type { RecordedEvent } from "./event-store";

/** Columns of es_events as readers select them. */
export const EVENT_COLUMNS =
  "transaction_id::text, global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at";

export interface EventRow {
  transaction_id: string;
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent["metadata"];
  recorded_at: Date;
}

export const toRecorded = (row: EventRow): RecordedEvent => ({
  globalPosition: row.global_position,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  id: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at,
});
