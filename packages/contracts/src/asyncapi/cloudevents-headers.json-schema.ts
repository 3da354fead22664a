import { z } from "zod";
import { CloudEventsHeader, JSON_CONTENT_TYPE, requiredHeaders } from "../envelope/cloudevents-headers";
import { EnvelopeMetadata } from "../envelope/envelope";
import type { AnyMessageDefinition } from "../message/message-definition";

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of one metadata field, with its own description, as it appears in its header. */
function fieldSchema(field: keyof typeof EnvelopeMetadata.shape): JsonSchema {
  const { $schema: _, ...schema } = z.toJSONSchema(EnvelopeMetadata.shape[field], { target: "draft-07" });
  return schema;
}

const integerText = (min: 0 | 1): JsonSchema => ({
  type: "string",
  pattern: min === 0 ? "^(0|[1-9][0-9]*)$" : "^[1-9][0-9]*$",
});

/** The CloudEvents Kafka headers every message carries (binary content mode). */
export function cloudEventsHeadersSchema(): JsonSchema {
  return {
    type: "object",
    description: "CloudEvents 1.0 Kafka protocol binding, binary content mode; the record value is the data.",
    properties: {
      [CloudEventsHeader.specVersion]: { type: "string", const: "1.0" },
      [CloudEventsHeader.id]: {
        ...fieldSchema("id"),
        description: "Message id (UUID); consumers deduplicate on it.",
      },
      [CloudEventsHeader.type]: {
        ...fieldSchema("type"),
        description: "Message type, e.g. peakshop.order.order-placed.",
      },
      [CloudEventsHeader.source]: {
        ...fieldSchema("source"),
        description: "Producing service, peakshop/<context>.",
      },
      [CloudEventsHeader.time]: { ...fieldSchema("time"), description: "When it happened (RFC 3339, UTC)." },
      [CloudEventsHeader.subject]: { ...fieldSchema("streamId"), description: "Event-store stream id." },
      [CloudEventsHeader.contentType]: { type: "string", const: JSON_CONTENT_TYPE },
      [CloudEventsHeader.schemaVersion]: { ...integerText(1), description: "Schema version of the data." },
      [CloudEventsHeader.streamVersion]: {
        ...integerText(0),
        description: "Stream version after this message.",
      },
      [CloudEventsHeader.correlationId]: {
        ...fieldSchema("correlationId"),
        description: "Shared by one checkout's messages.",
      },
      [CloudEventsHeader.causationId]: {
        ...fieldSchema("causationId"),
        description: "Id of the direct cause.",
      },
      [CloudEventsHeader.traceparent]: {
        ...fieldSchema("traceparent"),
        description: "W3C trace context, optional.",
      },
    },
    required: [...requiredHeaders],
  };
}

/** The headers of one message: the shared CloudEvents headers, with its type and version fixed. */
export function headersOf(definition: AnyMessageDefinition, sharedRef: string): JsonSchema {
  return {
    type: "object",
    allOf: [
      { $ref: sharedRef },
      {
        type: "object",
        properties: {
          [CloudEventsHeader.type]: { type: "string", const: definition.type },
          [CloudEventsHeader.schemaVersion]: { type: "string", const: String(definition.version) },
        },
      },
    ],
  };
}
