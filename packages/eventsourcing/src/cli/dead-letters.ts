import { readTopicToEnd, type KafkaPort, type ReadRecord } from "@peakshop/platform-nest";
import { DEAD_LETTER_HEADERS, deadLetterTopicOf, toReplay } from "../consumer/dead-letter";

export interface DeadLetterSummary {
  offset: string;
  partition: number;
  originalTopic: string;
  originalOffset: string;
  messageId: string | undefined;
  error: string;
  attempts: string;
  failedAt: string;
}

const summarize = (record: ReadRecord): DeadLetterSummary => ({
  offset: record.offset,
  partition: record.partition,
  originalTopic: record.headers[DEAD_LETTER_HEADERS.originalTopic] ?? "?",
  originalOffset: record.headers[DEAD_LETTER_HEADERS.originalOffset] ?? "?",
  messageId: record.headers["ce_id"],
  error: record.headers[DEAD_LETTER_HEADERS.error] ?? "",
  attempts: record.headers[DEAD_LETTER_HEADERS.attempts] ?? "?",
  failedAt: record.headers[DEAD_LETTER_HEADERS.failedAt] ?? "?",
});

/** Lists the dead letters of a consumer (oldest first). */
export async function listDeadLetters(brokers: string[], consumer: string): Promise<DeadLetterSummary[]> {
  const records = await readTopicToEnd(brokers, deadLetterTopicOf(consumer));
  return records.map(summarize);
}

/**
 * Puts dead letters back on their original topics, all of them or those at the
 * given `partition:offset` positions. The consumer's inbox makes a replay of a
 * message that did get handled meanwhile harmless.
 */
export async function replayDeadLetters(
  brokers: string[],
  kafka: KafkaPort,
  consumer: string,
  positions?: readonly string[],
): Promise<number> {
  const records = await readTopicToEnd(brokers, deadLetterTopicOf(consumer));
  const chosen = positions
    ? records.filter((r) => positions.includes(`${r.partition}:${r.offset}`))
    : records;
  await kafka.publish(chosen.map((record) => toReplay(record, `${record.partition}:${record.offset}`)));
  return chosen.length;
}
