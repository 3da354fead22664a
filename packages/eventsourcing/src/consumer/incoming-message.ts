import type { IncomingMessage } from "@peakshop/platform-nest";

export type { IncomingMessage };

/** The id consumers deduplicate on: the CloudEvents id, else the record's position. */
export function messageIdOf(message: IncomingMessage): string {
  return message.headers["ce_id"] ?? `${message.topic}/${message.partition}/${message.offset}`;
}
