import type { WorkSubscription } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";
import { eventsWritten } from "../store/commit-signals";
import { EVENT_COLUMNS, toRecorded, type EventRow } from "../store/event-row";
import type { Projection } from "./projection";

interface Checkpoint {
  transaction_id: string;
  global_position: string;
}

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /**
   * Pause after a round that applied nothing, doubling from minIdleDelayMs to
   * maxIdleDelayMs. Appends of this process of the types the projections
   * handle wake the runner when they commit; the short first pauses catch
   * events held back by a transaction still running, the long ones bound
   * idle polling (and move checkpoints past other types' events).
   */
  minIdleDelayMs?: number;
  maxIdleDelayMs?: number;
  /** Rounds woken by appends start at least this far apart, so a round takes several commits' events under load. */
  minRoundIntervalMs?: number;
  onError?: (projection: string, error: unknown) => void;
}

/**
 * Feeds projections in the store's commit order. Events are read in
 * (transaction id, position) order and only from transactions older than every
 * transaction still running, so an event that commits late is never skipped.
 * The checkpoint row is locked per batch: several runners may run safely.
 */
export class ProjectionRunner {
  private running = false;
  private loop?: Promise<void>;
  private wake?: WorkSubscription;
  /** Projections whose checkpoint row this runner has seen: no insert-if-missing per batch. */
  private readonly checkpointed = new Set<string>();

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  /** The projections the live loop feeds; inline ones are kept by their writers. */
  private get fed(): readonly Projection[] {
    return this.projections.filter((projection) => projection.mode !== "inline");
  }

  /**
   * The event types the fed projections apply: appends of other types do not
   * wake the runner (its fallback poll still moves the checkpoints past them),
   * so a projection of rare events costs no round per busy stream's append.
   */
  private handledTypes(): ReadonlySet<string> | undefined {
    const handles = this.fed.map((projection) => projection.handles);
    if (handles.some((types) => types === undefined)) return undefined;
    return new Set(handles.flatMap((types) => types ?? []));
  }

  start(): void {
    if (this.running || this.fed.length === 0) return;
    this.running = true;
    this.wake = eventsWritten.subscribe({
      minIntervalMs: this.options.minRoundIntervalMs ?? 10,
      subjects: this.handledTypes(),
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.interrupt();
    await this.loop;
  }

  /** Applies one batch; returns how many events it read. */
  async pumpOnce(projection: Projection): Promise<number> {
    return (await this.pump(projection)).count;
  }

  private pump(projection: Projection): Promise<{ count: number; applied: number }> {
    return this.dataSource.transaction(async (manager) => {
      const checkpoint = await this.lockCheckpoint(manager, projection.name);
      const read = await this.applyBatch(manager, projection, checkpoint);
      if (read.last) await saveCheckpoint(manager, projection.name, read.last);
      return read;
    });
  }

  /** Applies batches until the projection has read everything committed. */
  async catchUp(projection: Projection, maxBatches = 100_000): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const read = await this.pumpOnce(projection);
      total += read;
      if (read === 0) return total;
    }
    return total;
  }

  /**
   * Empties the read model, resets its checkpoint and replays the whole store,
   * all in one transaction that holds the checkpoint's lock: a live runner of
   * the same projection waits instead of replaying part of the store in
   * between (the read model would end the same, but this rebuild's count
   * would be wrong). Returns how many events it read.
   *
   * An inline projection's reset locks out its writers, so every writer that
   * already wrote to it has committed: the replay reads every committed event,
   * and writers still running apply theirs after the rebuild commits.
   */
  async rebuild(projection: Projection): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockCheckpoint(manager, projection.name);
      await projection.reset(manager);
      const committedOnly = projection.mode === "inline";
      let position: Checkpoint = { transaction_id: "0", global_position: "0" };
      let total = 0;
      for (;;) {
        const read = await this.applyBatch(manager, projection, position, committedOnly);
        total += read.count;
        if (!read.last) break;
        position = read.last;
      }
      await saveCheckpoint(manager, projection.name, position);
      return total;
    });
  }

  /** Reads and applies the next batch after `after`, in commit order; returns how many it read and the last one's position. */
  private async applyBatch(
    manager: EntityManager,
    projection: Projection,
    after: Checkpoint,
    everyCommitted = false,
  ): Promise<{ count: number; applied: number; last?: Checkpoint }> {
    // Without everyCommitted, only events of transactions older than every one
    // still running: a later commit cannot then land behind the checkpoint.
    const rows: EventRow[] = await manager.query(
      `SELECT ${EVENT_COLUMNS} FROM es_events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          ${everyCommitted ? "" : "AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())"}
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      [after.transaction_id, after.global_position, this.batchSize],
    );
    let applied = 0;
    for (const row of rows) {
      if (!projection.handles || projection.handles.includes(row.type)) {
        await projection.apply(toRecorded(row), manager);
        applied++;
      }
    }
    const last = rows.at(-1);
    return {
      count: rows.length,
      applied,
      last: last && {
        transaction_id: String(last.transaction_id),
        global_position: String(last.global_position),
      },
    };
  }

  /** Locks the projection's checkpoint row for this transaction, creating it the first time. */
  private async lockCheckpoint(manager: EntityManager, projection: string): Promise<Checkpoint> {
    if (!this.checkpointed.has(projection)) {
      await manager.query(
        `INSERT INTO es_projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING`,
        [projection],
      );
    }
    const [row] = (await manager.query(
      `SELECT transaction_id::text, global_position FROM es_projection_checkpoints WHERE projection = $1 FOR UPDATE`,
      [projection],
    )) as Checkpoint[];
    if (!row) {
      this.checkpointed.delete(projection);
      throw new Error(`checkpoint of ${projection} vanished`);
    }
    this.checkpointed.add(projection);
    return row;
  }

  private async run(): Promise<void> {
    const minIdle = this.options.minIdleDelayMs ?? 10;
    const maxIdle = this.options.maxIdleDelayMs ?? 1_000;
    let idleDelay = minIdle;
    while (this.running) {
      let applied = 0;
      let full = false;
      for (const projection of this.fed) {
        try {
          const read = await this.pump(projection);
          applied += read.applied;
          full ||= read.count >= this.batchSize;
        } catch (error) {
          this.options.onError?.(projection.name, error);
        }
      }
      if (full) continue;
      // Only events it projects bring the short pauses back: a round that just
      // stepped over other types' events (a busy store) must not turn the
      // fallback poll into a 10 ms loop.
      if (applied > 0) idleDelay = minIdle;
      const notified = await this.wake?.wait(idleDelay);
      idleDelay = notified ? minIdle : Math.min(idleDelay * 2, maxIdle);
    }
  }
}

async function saveCheckpoint(
  manager: EntityManager,
  projection: string,
  position: Checkpoint,
): Promise<void> {
  await manager.query(
    `UPDATE es_projection_checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now() WHERE projection = $1`,
    [projection, position.transaction_id, position.global_position],
  );
}
