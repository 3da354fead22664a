import type { KafkaPort, WorkSubscription } from "@peakshop/platform-nest";
import type { DataSource } from "typeorm";
import { outboxWritten } from "../store/commit-signals";
import { pgPoolOf } from "../store/pg-pool";
import { OUTBOX_SLOTS } from "./outbox-writer";

export interface OutboxRelayOptions {
  /** Rows published per transaction. */
  batchSize?: number;
  /**
   * Slots one relay claims per round. All by default: fewest rounds, lowest
   * latency. Fewer lets several relays publish side by side.
   */
  slotsPerClaim?: number;
  /**
   * Pause when the outbox is empty, growing up to maxIdleDelayMs. Writers of
   * this process wake the relay when they commit, so these only bound how late
   * rows written elsewhere (another process, a replay tool) or skipped while
   * another relay held their slot are seen. Short first pauses cost a round
   * (a transaction) each after every wake: at 5 ms, half the rounds under
   * load found nothing.
   */
  minIdleDelayMs?: number;
  maxIdleDelayMs?: number;
  /**
   * Rounds woken by writers start at least this far apart, so batches fill up
   * under load (as Kafka's linger.ms does): fewer, larger transactions and
   * produce requests for a bounded extra latency, and none at low rates.
   */
  lingerMs?: number;
  /** Pause after a failed publish before trying again. */
  errorDelayMs?: number;
  onError?: (error: unknown) => void;
  onPublished?: (count: number) => void;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
}

// Namespace of the advisory locks (first key), so they cannot clash with others.
const LOCK_NAMESPACE = 0x6f757462; // "outb"

// Claims the slots of the oldest pending rows that no other relay holds, and
// takes (deletes) their oldest rows, in one round trip; a failed publish rolls
// the delete back. The transaction-scoped locks end with the transaction, so a
// crashed relay's slots free themselves.
//
// The statement's snapshot may predate the commit of the relay that held a
// slot before: it then still sees rows that relay deleted and published. Such
// a row is not taken twice: in READ COMMITTED a DELETE skips a row whose
// deleter committed after the snapshot, so RETURNING gives only rows nobody
// took. A row committed after the snapshot waits for the next round; its
// key's earlier rows committed before it, so per-key order holds.
const CLAIM_AND_TAKE = `
  WITH claimed AS MATERIALIZED (
    SELECT slot FROM (
      SELECT DISTINCT slot FROM (SELECT slot FROM es_outbox ORDER BY id LIMIT $2) oldest
    ) pending
    WHERE pg_try_advisory_xact_lock($1, slot) LIMIT $3
  )
  DELETE FROM es_outbox WHERE id IN (
    SELECT id FROM es_outbox WHERE slot IN (SELECT slot FROM claimed) ORDER BY id LIMIT $2
  ) RETURNING id, topic, message_key, value, headers`;

/**
 * Publishes outbox rows to Kafka. Each round, inside one transaction, it claims
 * free slots with transaction-scoped advisory locks and takes (deletes) their
 * oldest rows in one statement, publishes them in id order (acks=all,
 * idempotent producer) and commits: three round trips to PostgreSQL.
 *
 * - No row is skipped: the relay reads every row still present, not "rows after
 *   a checkpoint", so a row that commits late is simply picked up next round.
 * - Per-key order holds: a key maps to one slot, one relay owns a slot at a
 *   time, and one stream's appends commit in version order.
 * - Several relays are safe: a claimed slot is skipped by the others. A crash
 *   after publishing but before the delete republishes those rows; consumers'
 *   inboxes absorb the duplicates.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: WorkSubscription;
  private readonly options: Required<Omit<OutboxRelayOptions, "onError" | "onPublished">> &
    OutboxRelayOptions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaPort,
    options: OutboxRelayOptions = {},
  ) {
    this.options = {
      batchSize: 500,
      slotsPerClaim: OUTBOX_SLOTS,
      minIdleDelayMs: 100,
      lingerMs: 10,
      maxIdleDelayMs: 1_000,
      errorDelayMs: 1_000,
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake = outboxWritten.subscribe({ minIntervalMs: this.options.lingerMs });
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.interrupt();
    await this.loop;
  }

  /** One round: returns how many rows it published. */
  async pumpOnce(): Promise<number> {
    const client = await pgPoolOf(this.dataSource).connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<OutboxRow>({
        name: "es_outbox_claim_and_take",
        text: CLAIM_AND_TAKE,
        values: [LOCK_NAMESPACE, this.options.batchSize, this.options.slotsPerClaim],
      });
      if (rows.length > 0) {
        // RETURNING keeps no order: the write order is the id order.
        rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        await this.kafka.publish(
          rows.map((row) => ({
            topic: row.topic,
            key: row.message_key,
            value: row.value,
            headers: row.headers,
          })),
        );
      }
      await client.query("COMMIT");
      return rows.length;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async run(): Promise<void> {
    let idleDelay = this.options.minIdleDelayMs;
    while (this.running) {
      try {
        const published = await this.pumpOnce();
        if (published > 0) this.options.onPublished?.(published);
        // A full batch: more rows are waiting.
        if (published >= this.options.batchSize) continue;
        // Nothing more is expected until a writer here commits (the signal,
        // paced by lingerMs); the growing timeout finds rows written elsewhere.
        const notified = await this.wake?.wait(idleDelay);
        idleDelay = notified
          ? this.options.minIdleDelayMs
          : Math.min(idleDelay * 2, this.options.maxIdleDelayMs);
      } catch (error) {
        this.options.onError?.(error);
        await sleep(this.options.errorDelayMs);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
