import type { DataSource, EntityManager } from "typeorm";
import {
  ConcurrencyError,
  type InboxEntry,
  type NewEvent,
  type OutboxMessage,
  type RecordedEvent,
} from "../store/event-store";
import { afterCommit, afterCommitIfTracked, runAll } from "../store/after-commit";
import { PostgresEventStore } from "../store/postgres-event-store";
import { crossesSnapshotPoint, loadSnapshot, saveSnapshot, type SnapshotPolicy } from "../store/snapshots";
import type { SqlStatement } from "../store/sql-statement";
import { fold, type Decider } from "./decider";
import { streamStateCacheOf, writtenIn, type CachedState, type StreamStateCache } from "./stream-state-cache";

/** What a command appended: the new events, the state after them, and the stream's versions. */
export interface CommandResult<Event, State> {
  events: Event[];
  state: State;
  /** The stream's version after the append (unchanged when no event was decided). */
  version: number;
  /** The version of the first new event; the next ones follow without gaps. */
  firstVersion: number;
}

export interface CommandHandlerOptions<Event, State> {
  /** How a domain event is stored (type, schema version, data, metadata). */
  toStored(event: Event): NewEvent;
  /** How a stored event becomes a domain event again (upcasting old versions). */
  fromStored(event: RecordedEvent): Event;
  /** Integration messages to publish for the new events, in the same statement as the events. */
  toOutbox?(result: CommandResult<Event, State>, streamId: string): OutboxMessage[];
  snapshots?: SnapshotPolicy<State>;
  /** Attempts when another writer appended first; each attempt reloads the stream. */
  maxAttempts?: number;
  /**
   * Run inside this transaction (e.g. a consumer's inbox transaction). A
   * conflict then aborts it, so it is not retried here: the caller retries.
   */
  manager?: EntityManager;
  /**
   * More writes that commit with the new events (a read model row, a timer):
   * data-modifying statements that travel inside the append's own statement,
   * so they need no transaction and no round trip of their own.
   */
  alsoWrite?(result: CommandResult<Event, State>): SqlStatement[];
  /**
   * The consumed message this command acts on, recorded in the inbox by the
   * append's statement (no transaction at all; not with `manager`). A
   * duplicate throws MessageAlreadyHandled and writes nothing. A refused
   * command then decides nothing instead of throwing: see handleCommandOnce.
   */
  inbox?: InboxEntry;
  /**
   * Runs once the new events are committed, outside the transaction (metrics,
   * notices); never for an attempt that rolled back, nor when nothing was
   * decided. With `manager`, that is when the caller's transaction commits: it
   * must have been started by transactionWithAfterCommit (handleOnce is).
   */
  afterCommit?(result: CommandResult<Event, State>): void;
}

/**
 * Load stream -> decide -> append with the expected version (+ outbox); on a
 * concurrency conflict, reload and decide again, a bounded number of times.
 * Domain errors from `decide` propagate unchanged.
 *
 * The state comes from the stream's last committed state in this process when
 * there is one (see StreamStateCache), else from the store.
 */
export async function handleCommand<Command, Event, State>(
  dataSource: DataSource,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  options: CommandHandlerOptions<Event, State>,
): Promise<CommandResult<Event, State>> {
  const store = new PostgresEventStore(dataSource);
  const cache = streamStateCacheOf<State>(dataSource, decider);
  const run = (manager?: EntityManager) =>
    decideAndAppend(dataSource, store, cache, decider, streamId, command, options, manager);
  const committed = options.afterCommit;
  const stateOf = (result: CommandResult<Event, State>): CachedState<State> => ({
    state: result.state,
    version: result.version,
  });
  if (options.manager) {
    const result = await run(options.manager);
    writtenIn<State>(options.manager).set(streamId, stateOf(result));
    // Shared only once committed: a cached state must never be ahead of the store.
    afterCommitIfTracked(options.manager, () => cache.set(streamId, stateOf(result)));
    if (committed && result.events.length > 0) afterCommit(options.manager, () => committed(result));
    return result;
  }
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      // No transaction: the read needs none (the append's expected version
      // catches any writer in between) and the append, with every write that
      // goes with it, is one atomic statement.
      const result = await run();
      cache.set(streamId, stateOf(result));
      if (committed && result.events.length > 0) runAll([() => committed(result)]);
      return result;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}

async function decideAndAppend<Command, Event, State>(
  dataSource: DataSource,
  store: PostgresEventStore,
  cache: StreamStateCache<State>,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  options: CommandHandlerOptions<Event, State>,
  manager: EntityManager | undefined,
): Promise<CommandResult<Event, State>> {
  const reader = manager ?? dataSource.manager;
  const read = async (): Promise<CachedState<State>> => {
    const snapshot = options.snapshots ? await loadSnapshot(reader, streamId, options.snapshots) : undefined;
    const stream = await store.readStream(streamId, (snapshot?.version ?? 0) + 1, manager);
    const state = fold(
      decider,
      snapshot?.state ?? decider.initialState,
      stream.events.map(options.fromStored),
    );
    return { state, version: stream.version };
  };
  const cached = (manager && writtenIn<State>(manager).get(streamId)) || cache.get(streamId);
  // Only a decision with events is checked, by the append's version. One to
  // do nothing, or one refused (a domain error), must not rest on a state that
  // may be behind the store: it is taken again on a fresh read.
  let base = cached;
  let events = cached ? decideOrNothing(decider, command, cached.state) : [];
  if (!base || events.length === 0) {
    if (cached) cache.delete(streamId);
    base = await read();
    // With an inbox entry the message may be a duplicate, which a refusal must
    // not be mistaken for: the caller decides again in a transaction that
    // checks the inbox first (handleCommandOnce).
    events = options.inbox
      ? decideOrNothing(decider, command, base.state)
      : decider.decide(command, base.state);
  }
  if (events.length === 0)
    return { events, state: base.state, version: base.version, firstVersion: base.version + 1 };
  const result: CommandResult<Event, State> = {
    events,
    state: fold(decider, base.state, events),
    version: base.version + events.length,
    firstVersion: base.version + 1,
  };
  try {
    await store.append(streamId, base.version, events.map(options.toStored), {
      manager,
      outbox: options.toOutbox?.(result, streamId),
      writes: options.alsoWrite?.(result),
      inbox: options.inbox,
    });
  } catch (error) {
    // Most likely a conflict: the next attempt reads the stream.
    cache.delete(streamId);
    throw error;
  }
  // A snapshot is a cache of committed events: taking it after the append is safe.
  if (options.snapshots && crossesSnapshotPoint(base.version, result.version, options.snapshots.every)) {
    await saveSnapshot(reader, streamId, result.version, result.state, options.snapshots);
  }
  return result;
}

/** The decision, or none when the decider refuses the command. */
function decideOrNothing<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  command: Command,
  state: State,
): Event[] {
  try {
    return decider.decide(command, state);
  } catch {
    return [];
  }
}
