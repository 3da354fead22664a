import type { OutgoingRecord } from "@peakshop/platform-nest";
import type { IncomingMessage } from "./incoming-message";

/** Headers a dead letter carries besides the original message's own. */
export const DEAD_LETTER_HEADERS = {
  originalTopic: "dlq_original_topic",
  originalPartition: "dlq_original_partition",
  originalOffset: "dlq_original_offset",
  consumer: "dlq_consumer",
  error: "dlq_error",
  errorKind: "dlq_error_kind",
  attempts: "dlq_attempts",
  failedAt: "dlq_failed_at",
  replayedFrom: "dlq_replayed_from",
} as const;

/** Dead letters of a consumer group live on `<group>.dead-letters.v1`. */
export const deadLetterTopicOf = (consumer: string) => `${consumer}.dead-letters.v1`;

const MAX_ERROR_LENGTH = 4_000;

export function toDeadLetter(
  message: IncomingMessage,
  consumer: string,
  error: unknown,
  failure: { kind: string; attempts: number; failedAt: Date },
): OutgoingRecord {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    topic: deadLetterTopicOf(consumer),
    key: message.key ?? `${message.topic}/${message.partition}`,
    value: message.value ?? "",
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
      [DEAD_LETTER_HEADERS.consumer]: consumer,
      [DEAD_LETTER_HEADERS.error]: text.slice(0, MAX_ERROR_LENGTH),
      [DEAD_LETTER_HEADERS.errorKind]: failure.kind,
      [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
      [DEAD_LETTER_HEADERS.failedAt]: failure.failedAt.toISOString(),
    },
  };
}

/** The record that puts a dead letter back on its original topic, marked as replayed. */
export function toReplay(
  deadLetter: { key: string | null; value: string | null; headers: Record<string, string> },
  deadLetterOffset: string,
): OutgoingRecord {
  const topic = deadLetter.headers[DEAD_LETTER_HEADERS.originalTopic];
  if (!topic)
    throw new Error(
      `dead letter at offset ${deadLetterOffset} has no ${DEAD_LETTER_HEADERS.originalTopic} header`,
    );
  const headers = Object.fromEntries(
    Object.entries(deadLetter.headers).filter(([name]) => !name.startsWith("dlq_")),
  );
  return {
    topic,
    key: deadLetter.key ?? "",
    value: deadLetter.value ?? "",
    headers: { ...headers, [DEAD_LETTER_HEADERS.replayedFrom]: deadLetterOffset },
  };
}
