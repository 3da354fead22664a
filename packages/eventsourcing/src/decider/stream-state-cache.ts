import type { DataSource, EntityManager } from "typeorm";

/** A stream's state folded up to a committed version. */
export interface CachedState<State> {
  state: State;
  version: number;
}

/** Streams whose state each decider keeps per database (least recently used go first). */
export const STREAM_STATE_CACHE_SIZE = 10_000;

/**
 * The committed state of recently written streams, so the next command on one
 * needs no read: a saga's stream takes a command at every step.
 *
 * A cached state may be behind the store (another process appended since);
 * it is never ahead, since entries are written only after their commit. Being
 * behind is safe where it is used: a decision with events is appended at the
 * cached version and fails as a conflict if the stream moved on (the entry is
 * then dropped and the stream read again); a decision without events is taken
 * again on a fresh read (see handleCommand).
 */
export class StreamStateCache<State> {
  private readonly entries = new Map<string, CachedState<State>>();

  constructor(private readonly capacity = STREAM_STATE_CACHE_SIZE) {}

  get(streamId: string): CachedState<State> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  /** Records a committed state; an older version never replaces a newer one. */
  set(streamId: string, entry: CachedState<State>): void {
    const current = this.entries.get(streamId);
    if (current && current.version > entry.version) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<DataSource, WeakMap<object, StreamStateCache<unknown>>>();

/** The cache of one decider's streams in one database. */
export function streamStateCacheOf<State>(dataSource: DataSource, decider: object): StreamStateCache<State> {
  let byDecider = caches.get(dataSource);
  if (!byDecider) caches.set(dataSource, (byDecider = new WeakMap()));
  let cache = byDecider.get(decider);
  if (!cache) byDecider.set(decider, (cache = new StreamStateCache()));
  return cache as StreamStateCache<State>;
}

const written = new WeakMap<EntityManager, Map<string, CachedState<unknown>>>();

/**
 * States written by a transaction that has not committed yet: the next command
 * on the same stream in the same transaction (a consumer batch) starts there,
 * where the shared cache is still one version behind.
 */
export function writtenIn<State>(manager: EntityManager): Map<string, CachedState<State>> {
  let states = written.get(manager);
  if (!states) written.set(manager, (states = new Map()));
  return states as Map<string, CachedState<State>>;
}
