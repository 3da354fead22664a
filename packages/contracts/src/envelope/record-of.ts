import type { AnyMessageDefinition, MessageDataOf } from "../message/message-definition";
import type { EnvelopeMetadata } from "./envelope";
import { toKafkaRecord, type KafkaRecord } from "./kafka-record.mapping";

/** Ids that tie a message to the request or message that caused it (logs and traces). */
export type Causation = Pick<EnvelopeMetadata, "correlationId" | "causationId">;

/**
 * The metadata a producer supplies; type and version come from the
 * definition, and a new message id is drawn unless one is given (a producer
 * that must know the id before the record exists passes its own).
 */
export type ProducerMetadata = Omit<EnvelopeMetadata, "type" | "version" | "id"> & { id?: string };

/**
 * The one way a producer builds a message: `data` of `definition` in its
 * envelope, validated, as a Kafka record (see toKafkaRecord).
 */
export function recordOf<D extends AnyMessageDefinition>(
  definition: D,
  data: MessageDataOf<D>,
  { id = globalThis.crypto.randomUUID(), ...metadata }: ProducerMetadata,
): KafkaRecord {
  return toKafkaRecord(definition, {
    ...metadata,
    id,
    type: definition.type,
    version: definition.version,
    data,
  });
}
