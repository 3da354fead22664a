import type { AnyMessageDefinition, MessageDataOf } from "../message/message-definition";
import type { EnvelopeMetadata } from "./envelope";
import { toKafkaRecord, type KafkaRecord } from "./kafka-record.mapping";

/** The metadata a producer supplies; type and version come from the definition. */
export type ProducerMetadata = Omit<EnvelopeMetadata, "type" | "version">;

/** A message of `definition` with `data`, as a Kafka record (validated like toKafkaRecord). */
export function recordOf<D extends AnyMessageDefinition>(
  definition: D,
  data: MessageDataOf<D>,
  metadata: ProducerMetadata,
): KafkaRecord {
  return toKafkaRecord(definition, { ...metadata, type: definition.type, version: definition.version, data });
}
