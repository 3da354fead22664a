import type { DataSource, EntityManager } from "typeorm";
import { handleAllOnce, type InboxOutcome } from "../inbox/inbox";

/** Messages of one batch (one partition, in order) and what handling one of them does. */
export interface InboxWork {
  messageIds: readonly string[];
  effect: (index: number, manager: EntityManager) => Promise<void>;
}

/** The shared transaction failed; `shared` says whether other batches were in it. */
export class SharedTransactionFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly shared: boolean,
  ) {
    super("a shared inbox transaction failed", { cause });
  }
}

interface Waiting extends InboxWork {
  resolve: (outcomes: InboxOutcome[]) => void;
  reject: (error: SharedTransactionFailed) => void;
}

/**
 * Group commit for one consumer's inbox. Kafka hands the partitions of one
 * fetch to concurrent batch handlers; at tens of sagas per second each holds
 * one message, so a transaction per batch meant a transaction per message.
 * Here at most `parallel` transactions run at once; batches that arrive
 * together (in one turn of the event loop, or while every transaction is
 * busy) are dealt out over the free ones, so one BEGIN, one inbox insert and
 * one COMMIT serve several partitions. Partitions are independent, so the
 * order of batches within a transaction does not matter; each batch's own
 * messages keep theirs.
 *
 * Why not one transaction for everything: its statements run one after
 * another on one connection, and measured at saturation that wait, not the
 * commits saved, set the pace (completed sagas/s fell by a quarter).
 */
export class SharedInboxTransactions {
  private waiting: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
    private readonly parallel = 4,
  ) {}

  /** Handles the batch once per message (see handleAllOnce); rejects with SharedTransactionFailed. */
  run(work: InboxWork): Promise<InboxOutcome[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...work, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.parallel || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startTransactions();
    });
  }

  private startTransactions(): void {
    const free = this.parallel - this.running;
    const groups = Math.min(free, this.waiting.length);
    if (groups <= 0) return;
    const dealt: Waiting[][] = Array.from({ length: groups }, () => []);
    this.waiting.forEach((batch, at) => dealt[at % groups]!.push(batch));
    this.waiting = [];
    for (const batches of dealt) {
      this.running++;
      void this.runTogether(batches).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }

  private async runTogether(batches: readonly Waiting[]): Promise<void> {
    const owners = batches.flatMap((batch, at) => batch.messageIds.map((_, index) => ({ at, index })));
    try {
      const outcomes = await handleAllOnce(
        this.dataSource,
        this.consumer,
        batches.flatMap((batch) => batch.messageIds),
        (position, manager) => {
          const { at, index } = owners[position]!;
          return batches[at]!.effect(index, manager);
        },
      );
      let start = 0;
      for (const batch of batches) {
        batch.resolve(outcomes.slice(start, start + batch.messageIds.length));
        start += batch.messageIds.length;
      }
    } catch (error) {
      for (const batch of batches) batch.reject(new SharedTransactionFailed(error, batches.length > 1));
    }
  }
}
