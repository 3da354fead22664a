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
 * Group commit for one consumer's inbox: batches submitted while a transaction
 * runs (or in the same turn of the event loop) are handled together in the
 * next one, so one BEGIN, one inbox insert and one COMMIT serve every
 * partition of a fetch. Kafka hands the partitions of one fetch to concurrent
 * batch handlers; at tens of sagas per second each holds one message, so a
 * transaction per batch meant a transaction per message. Partitions are
 * independent, so the order in which batches run within the transaction does
 * not matter; each batch's own messages keep theirs.
 *
 * One transaction at a time per consumer: under load the next one simply
 * gathers more (its size follows the load), and idle there is no wait beyond
 * the current turn.
 */
export class SharedInboxTransactions {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
  ) {}

  /** Handles the batch once per message (see handleAllOnce); rejects with SharedTransactionFailed. */
  run(work: InboxWork): Promise<InboxOutcome[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...work, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batches = this.waiting;
      this.waiting = [];
      await this.runTogether(batches);
    }
    this.running = false;
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
