import type { KafkaContext } from "@nestjs/microservices";
import type { IncomingMessage } from "./kafka.port";

/**
 * The record behind a Nest Kafka handler invocation. The consumer server keeps
 * values binary (see kafkaConsumerServer), so the bytes are the producer's own.
 */
export function incomingMessageOf(context: KafkaContext): IncomingMessage {
  const message = context.getMessage();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers[name] =
      typeof value === "string" ? value : Buffer.isBuffer(value) ? value.toString() : JSON.stringify(value);
  }
  const value = message.value as unknown;
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key: message.key === null || message.key === undefined ? null : String(message.key),
    value:
      value === null || value === undefined
        ? null
        : Buffer.isBuffer(value)
          ? value
          : Buffer.from(String(value)),
    headers,
  };
}
