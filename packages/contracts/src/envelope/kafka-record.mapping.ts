import type { CurrentMessageDefinition } from "../catalog/checkout-flow.catalog";
import { messageRegistry } from "../catalog/checkout-flow.registry";
import { ContractViolation } from "../message/contract-violation";
import type { AnyMessageDefinition, MessageDataOf } from "../message/message-definition";
import {
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventsHeader,
  headerOf,
  JSON_CONTENT_TYPE,
  toHeaders,
} from "./cloudevents-headers";
import { type Envelope, EnvelopeMetadata, type EnvelopeOf, TraceParent } from "./envelope";
import { type KafkaHeaders, KafkaHeadersReader, utf8 } from "./kafka-headers.reader";

/** A record ready for the Kafka port: CloudEvents binary mode, data as the JSON value. */
export interface KafkaRecord {
  readonly topic: string;
  /** The aggregate id named by the definition's `keyField`; it picks the partition. */
  readonly key: string;
  /** The message data as JSON, nothing else. */
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** Any checkout-flow message at its latest version; narrow it with `switch (envelope.type)`. */
export type IntegrationEnvelope = EnvelopeOf<CurrentMessageDefinition>;

/**
 * Maps an envelope to a Kafka record after validating metadata and data, so an invalid
 * message fails in the producer's transaction instead of in every consumer.
 */
export function toKafkaRecord<D extends AnyMessageDefinition>(
  definition: D,
  envelope: Envelope<MessageDataOf<D>, D["type"]>,
): KafkaRecord {
  const subject = { messageType: envelope.type, messageVersion: envelope.version };
  if (envelope.type !== definition.type || envelope.version !== definition.version) {
    const summary = `envelope does not match the definition ${definition.type} v${definition.version}`;
    throw new ContractViolation({ reason: "definition-mismatch", ...subject }, summary);
  }
  const { data, ...rest } = envelope;
  const metadata = EnvelopeMetadata.safeParse(rest);
  if (!metadata.success) throw ContractViolation.fromZodError("invalid-metadata", subject, metadata.error);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) throw ContractViolation.fromZodError("invalid-data", subject, parsed.error);
  return {
    topic: definition.topic,
    key: definition.key(parsed.data),
    value: JSON.stringify(parsed.data),
    headers: toHeaders(metadata.data),
  };
}

/**
 * Reads a Kafka record back into an envelope whose data is upcast to the latest version of its
 * type and validated. Throws ContractViolation for anything unknown or invalid: such a record
 * is poison and belongs on the dead-letter topic, not in a retry loop.
 */
export function fromKafkaRecord(
  headers: KafkaHeaders,
  value: string | Uint8Array | null | undefined,
): IntegrationEnvelope {
  const reader = new KafkaHeadersReader(headers);
  const specVersion = reader.required(CloudEventsHeader.specVersion);
  if (specVersion !== CLOUDEVENTS_SPEC_VERSION) {
    throw reader.violation(
      "invalid-header",
      CloudEventsHeader.specVersion,
      `unsupported CloudEvents ${specVersion}`,
    );
  }
  const type = reader.required(CloudEventsHeader.type);
  if (!messageRegistry.has(type)) {
    throw new ContractViolation({ reason: "unknown-type", messageType: type }, "unknown message type");
  }
  const version = parseCount(reader.about(type), CloudEventsHeader.schemaVersion, 1);
  const about = reader.about(type, version);
  assertJsonContent(about);
  const metadata = readMetadata(about, type, version);
  const { definition, data } = messageRegistry.upcast(type, version, parseJson(about, value));
  // The registry validated `data` with `definition.schema`, the latest of `type`: the pair is
  // one member of IntegrationEnvelope, which the compiler cannot see through the registry.
  return { ...metadata, version: definition.version, data } as IntegrationEnvelope;
}

function readMetadata(reader: KafkaHeadersReader, type: string, version: number): EnvelopeMetadata {
  // An unreadable traceparent only costs a trace link; W3C says to drop it and carry on.
  const traceparent = reader.optional(CloudEventsHeader.traceparent);
  const candidate = {
    id: reader.required(CloudEventsHeader.id),
    type,
    version,
    source: reader.required(CloudEventsHeader.source),
    streamId: reader.required(CloudEventsHeader.subject),
    streamVersion: parseCount(reader, CloudEventsHeader.streamVersion, 0),
    correlationId: reader.required(CloudEventsHeader.correlationId),
    causationId: reader.required(CloudEventsHeader.causationId),
    time: reader.required(CloudEventsHeader.time),
    ...(TraceParent.safeParse(traceparent).success ? { traceparent } : {}),
  };
  const parsed = EnvelopeMetadata.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const header = headerOf(issue?.path[0]);
  throw reader.violation("invalid-header", header, `Kafka header ${header}: ${issue?.message ?? "invalid"}`);
}

function parseCount(reader: KafkaHeadersReader, header: string, min: 0 | 1): number {
  const text = reader.required(header);
  const count = /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < min) {
    throw reader.violation(
      "invalid-header",
      header,
      `Kafka header ${header} must be an integer >= ${min}, got "${text}"`,
    );
  }
  return count;
}

function assertJsonContent(reader: KafkaHeadersReader): void {
  const contentType = reader.required(CloudEventsHeader.contentType);
  // Media types are case-insensitive and may carry parameters such as `; charset=utf-8`.
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== JSON_CONTENT_TYPE) {
    const summary = `content-type must be ${JSON_CONTENT_TYPE}, got "${contentType}"`;
    throw reader.violation("invalid-header", CloudEventsHeader.contentType, summary);
  }
}

function parseJson(reader: KafkaHeadersReader, value: string | Uint8Array | null | undefined): unknown {
  const violation = (summary: string) =>
    new ContractViolation({ reason: "invalid-json", ...reader.subject }, summary);
  // A null value is a tombstone; this flow never deletes by key, so one here is a mistake.
  if (value === null || value === undefined) throw violation("the record has no value");
  try {
    const text = typeof value === "string" ? value : utf8.decode(value);
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw violation(`the value is not UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
