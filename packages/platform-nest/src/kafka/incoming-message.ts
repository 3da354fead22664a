import type { KafkaMessage } from "kafkajs";
import type { IncomingMessage } from "./kafka.port";

/**
 * A consumed kafkajs record as the client-independent IncomingMessage. Values
 * stay the producer's bytes: decoding belongs to the contracts.
 */
export function incomingMessageOf(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers[name] = Array.isArray(value) ? value.map(String).join(",") : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null || message.key === undefined ? null : message.key.toString(),
    value: message.value ?? null,
    headers,
  };
}
