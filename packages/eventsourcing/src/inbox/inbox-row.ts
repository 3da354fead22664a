import type { InboxEntry } from "../store/event-store";
import type { SqlStatement } from "../store/sql-statement";

const INBOX_KEY = "es_inbox_pkey";

/**
 * The write that records a consumed message in the inbox, for a statement
 * that also holds the message's effects: a message already recorded fails
 * the whole statement on the inbox's key (see isInboxDuplicate), so its
 * effects are not written twice.
 */
export function inboxRow(entry: InboxEntry): SqlStatement {
  return {
    text: `INSERT INTO es_inbox (consumer, message_id) VALUES ($1, $2)`,
    values: [entry.consumer, entry.messageId],
  };
}

/** Whether a statement failed because the inbox already holds its message. */
export function isInboxDuplicate(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === "23505" && constraint === INBOX_KEY;
}
