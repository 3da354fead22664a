import type { DataSource } from "typeorm";
import {
  ConcurrencyError,
  type NewEvent,
  type OutboxMessage,
  type RecordedEvent,
} from "../store/event-store";
import { PostgresEventStore } from "../store/postgres-event-store";
import { crossesSnapshotPoint, loadSnapshot, saveSnapshot, type SnapshotPolicy } from "../store/snapshots";
import { fold, type Decider } from "./decider";

export interface CommandHandlerOptions<Event, State> {
  /** How a domain event is stored (type, schema version, data, metadata). */
  toStored(event: Event): NewEvent;
  /** How a stored event becomes a domain event again (upcasting old versions). */
  fromStored(event: RecordedEvent): Event;
  /** Integration messages to publish for the new events, in the same transaction. */
  toOutbox?(events: Event[], state: State, streamId: string): OutboxMessage[];
  snapshots?: SnapshotPolicy<State>;
  /** Attempts when another writer appended first; each attempt reloads the stream. */
  maxAttempts?: number;
}

export interface CommandResult<Event, State> {
  events: Event[];
  state: State;
  version: number;
}

/**
 * Load stream -> decide -> append with the expected version (+ outbox), in one
 * transaction; on a concurrency conflict, reload and decide again, a bounded
 * number of times. Domain errors from `decide` propagate unchanged.
 */
export async function handleCommand<Command, Event, State>(
  dataSource: DataSource,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  options: CommandHandlerOptions<Event, State>,
): Promise<CommandResult<Event, State>> {
  const store = new PostgresEventStore(dataSource);
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await decideAndAppend(dataSource, store, decider, streamId, command, options);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}

// No surrounding transaction: the read needs none (the append's expected
// version catches any writer in between), and the append is one atomic
// statement. Two round trips per command in all.
async function decideAndAppend<Command, Event, State>(
  dataSource: DataSource,
  store: PostgresEventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  options: CommandHandlerOptions<Event, State>,
): Promise<CommandResult<Event, State>> {
  const manager = dataSource.manager;
  const snapshot = options.snapshots ? await loadSnapshot(manager, streamId, options.snapshots) : undefined;
  const stream = await store.readStream(streamId, (snapshot?.version ?? 0) + 1);
  const state = fold(decider, snapshot?.state ?? decider.initialState, stream.events.map(options.fromStored));
  const events = decider.decide(command, state);
  if (events.length === 0) return { events, state, version: stream.version };
  const next = fold(decider, state, events);
  const { nextVersion } = await store.append(streamId, stream.version, events.map(options.toStored), {
    outbox: options.toOutbox?.(events, next, streamId),
  });
  // A snapshot is a cache of committed events: taking it after the commit is safe.
  if (options.snapshots && crossesSnapshotPoint(stream.version, nextVersion, options.snapshots.every)) {
    await saveSnapshot(manager, streamId, nextVersion, next, options.snapshots);
  }
  return { events, state: next, version: nextVersion };
}
