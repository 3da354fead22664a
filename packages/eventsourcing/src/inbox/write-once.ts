import type { DataSource } from "typeorm";
import type { InboxEntry } from "../store/event-store";
import { pgPoolOf } from "../store/pg-pool";
import { oneStatement, type SqlStatement } from "../store/sql-statement";
import type { InboxOutcome } from "./inbox";
import { inboxRow, isInboxDuplicate } from "./inbox-row";

/**
 * A consumed message's effects, written at most once without a transaction:
 * the inbox row and `writes` are one autocommitted statement, about 0.4 of
 * the database work of the same writes inside BEGIN and COMMIT. A message the
 * inbox already holds writes nothing and resolves "duplicate". For effects
 * that are not event appends (see handleCommandOnce for those).
 */
export async function writeOnce(
  dataSource: DataSource,
  inbox: InboxEntry,
  writes: readonly SqlStatement[],
): Promise<InboxOutcome> {
  const { text, values } = oneStatement([inboxRow(inbox), ...writes]);
  try {
    await pgPoolOf(dataSource).query(text, [...values]);
    return "handled";
  } catch (error) {
    if (isInboxDuplicate(error)) return "duplicate";
    throw error;
  }
}
