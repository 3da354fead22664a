import type { KafkaPort } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";

export interface OutboxRelayOptions {
  /** Rows published per transaction. */
  batchSize?: number;
  /** Slots one relay claims per round; several relays then share the work. */
  slotsPerClaim?: number;
  /** Pause when the outbox is empty, growing up to maxIdleDelayMs. */
  minIdleDelayMs?: number;
  maxIdleDelayMs?: number;
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

/**
 * Publishes outbox rows to Kafka. Each round, inside one transaction, it claims
 * free slots with transaction-scoped advisory locks, reads their rows in id
 * order, publishes them (acks=all, idempotent producer), and deletes them.
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
  private readonly options: Required<Omit<OutboxRelayOptions, "onError" | "onPublished">> &
    OutboxRelayOptions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaPort,
    options: OutboxRelayOptions = {},
  ) {
    this.options = {
      batchSize: 500,
      slotsPerClaim: 4,
      minIdleDelayMs: 5,
      maxIdleDelayMs: 250,
      errorDelayMs: 1_000,
      ...options,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One round: returns how many rows it published. */
  async pumpOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const slots = await this.claimSlots(manager);
      if (slots.length === 0) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, value, headers FROM es_outbox
          WHERE slot = ANY($1::smallint[]) ORDER BY id LIMIT $2`,
        [slots, this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.kafka.publish(
        rows.map((row) => ({
          topic: row.topic,
          key: row.message_key,
          value: row.value,
          headers: row.headers,
        })),
      );
      await manager.query(`DELETE FROM es_outbox WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /**
   * Claims the slots of the oldest pending rows that no other relay holds. The
   * locks end with the transaction, so a crashed relay's slots free themselves.
   */
  private async claimSlots(manager: EntityManager): Promise<number[]> {
    const rows: { slot: number }[] = await manager.query(
      `WITH pending AS (
         SELECT DISTINCT slot FROM (SELECT slot FROM es_outbox ORDER BY id LIMIT $2) oldest
       )
       SELECT slot FROM pending WHERE pg_try_advisory_xact_lock($1, slot) LIMIT $3`,
      [LOCK_NAMESPACE, this.options.batchSize, this.options.slotsPerClaim],
    );
    return rows.map((row) => row.slot);
  }

  private async run(): Promise<void> {
    let idleDelay = this.options.minIdleDelayMs;
    while (this.running) {
      try {
        const published = await this.pumpOnce();
        if (published > 0) {
          this.options.onPublished?.(published);
          idleDelay = this.options.minIdleDelayMs;
          continue;
        }
        await sleep(idleDelay);
        idleDelay = Math.min(idleDelay * 2, this.options.maxIdleDelayMs);
      } catch (error) {
        this.options.onError?.(error);
        await sleep(this.options.errorDelayMs);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
