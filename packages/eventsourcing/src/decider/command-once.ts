import type { DataSource } from "typeorm";
import type { InboxOutcome } from "../inbox/inbox";
import { MessageAlreadyHandled, type InboxEntry } from "../store/event-store";
import { handleCommand, type CommandHandlerOptions } from "./command-handler";
import type { Decider } from "./decider";

/**
 * handleCommand for one consumed message, without a transaction: its inbox
 * row, the events, their outbox rows and the aggregate's other writes are one
 * autocommitted statement, which costs PostgreSQL and the client about 0.4 of
 * the same writes inside BEGIN and COMMIT (pnpm bench, pg-transaction-shapes).
 *
 * Resolves "handled", "duplicate" (the inbox had the message; nothing was
 * written), or undefined when the command decided nothing or was refused:
 * only the inbox can tell that from a duplicate, so the caller then handles
 * the message in a transaction that reads the inbox first (handleOnce).
 */
export async function handleCommandOnce<Command, Event, State>(
  dataSource: DataSource,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  inbox: InboxEntry,
  options: Omit<CommandHandlerOptions<Event, State>, "manager" | "inbox">,
): Promise<InboxOutcome | undefined> {
  try {
    const result = await handleCommand(dataSource, decider, streamId, command, { ...options, inbox });
    return result.events.length > 0 ? "handled" : undefined;
  } catch (error) {
    if (error instanceof MessageAlreadyHandled) return "duplicate";
    throw error;
  }
}
