import type { EnvelopeMetadata } from "./envelope";

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary content mode: metadata in
 * `ce_*` headers, data alone in the record value. Extension attribute names are lower-case
 * alphanumerics, as CloudEvents requires.
 */
export const CloudEventsHeader = {
  specVersion: "ce_specversion",
  id: "ce_id",
  type: "ce_type",
  source: "ce_source",
  time: "ce_time",
  subject: "ce_subject",
  contentType: "content-type",
  schemaVersion: "ce_schemaversion",
  streamVersion: "ce_streamversion",
  correlationId: "ce_correlationid",
  causationId: "ce_causationid",
  // OpenTelemetry's Kafka instrumentation propagates the plain W3C header, not `ce_traceparent`.
  traceparent: "traceparent",
} as const;

export const CLOUDEVENTS_SPEC_VERSION = "1.0";
export const JSON_CONTENT_TYPE = "application/json";

/** Which header carries each metadata field, so errors can name the header a reader will look at. */
const headerOfField: Readonly<Record<keyof EnvelopeMetadata, string>> = {
  id: CloudEventsHeader.id,
  type: CloudEventsHeader.type,
  version: CloudEventsHeader.schemaVersion,
  source: CloudEventsHeader.source,
  streamId: CloudEventsHeader.subject,
  streamVersion: CloudEventsHeader.streamVersion,
  correlationId: CloudEventsHeader.correlationId,
  causationId: CloudEventsHeader.causationId,
  time: CloudEventsHeader.time,
  traceparent: CloudEventsHeader.traceparent,
};

/** The header that carries a metadata field, e.g. `time` -> `ce_time`. */
export function headerOf(field: PropertyKey | undefined): string {
  const byName: Readonly<Record<string, string>> = headerOfField;
  return typeof field === "string" ? (byName[field] ?? field) : "(unknown header)";
}

/** Headers every record must carry; `traceparent` is optional. */
export const requiredHeaders = [
  CloudEventsHeader.specVersion,
  CloudEventsHeader.id,
  CloudEventsHeader.type,
  CloudEventsHeader.source,
  CloudEventsHeader.time,
  CloudEventsHeader.subject,
  CloudEventsHeader.contentType,
  CloudEventsHeader.schemaVersion,
  CloudEventsHeader.streamVersion,
  CloudEventsHeader.correlationId,
  CloudEventsHeader.causationId,
] as const;

/** Encodes metadata as CloudEvents headers. */
export function toHeaders(metadata: EnvelopeMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [CloudEventsHeader.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [CloudEventsHeader.id]: metadata.id,
    [CloudEventsHeader.type]: metadata.type,
    [CloudEventsHeader.source]: metadata.source,
    [CloudEventsHeader.time]: metadata.time,
    [CloudEventsHeader.subject]: metadata.streamId,
    [CloudEventsHeader.contentType]: JSON_CONTENT_TYPE,
    [CloudEventsHeader.schemaVersion]: String(metadata.version),
    [CloudEventsHeader.streamVersion]: String(metadata.streamVersion),
    [CloudEventsHeader.correlationId]: metadata.correlationId,
    [CloudEventsHeader.causationId]: metadata.causationId,
  };
  if (metadata.traceparent !== undefined) headers[CloudEventsHeader.traceparent] = metadata.traceparent;
  return headers;
}
