import { Gauge, type Registry } from "prom-client";

/** The fields of kafkajs' START/END_BATCH_PROCESS payloads this reads (offsets are decimal strings). */
export interface BatchProgress {
  topic: string;
  partition: number;
  /** Messages after the batch's last one, up to the end of the partition. */
  offsetLag: string;
  /** Messages after the batch's first one, up to the end of the partition. */
  offsetLagLow: string;
  batchSize: number;
}

/** Messages of the partition still to handle once the batch is done. */
export function lagAfterBatch(batch: BatchProgress): number {
  return Math.max(0, Number(batch.offsetLag));
}

/** Messages of the partition still to handle as a batch starts: the batch's own ones included. */
export function lagBeforeBatch(batch: BatchProgress): number {
  if (batch.batchSize === 0) return lagAfterBatch(batch);
  return Math.max(0, Number(batch.offsetLagLow) + 1);
}

const NAME = "peakshop_consumer_lag";

/**
 * `peakshop_consumer_lag{group,topic,partition}`: messages behind the end of each
 * partition this member reads. Set when a batch ends (0 once it reached the
 * end), and also when one starts: a batch that keeps failing never ends, and
 * its partition's backlog must still show. Partitions moved to another member
 * by a rebalance are dropped, so a stale value cannot linger.
 */
export class ConsumerLagMetrics {
  private readonly gauge: Gauge<"group" | "topic" | "partition">;
  private readonly reported = new Map<string, { topic: string; partition: number }>();

  constructor(
    registry: Registry,
    private readonly group: string,
  ) {
    this.gauge =
      (registry.getSingleMetric(NAME) as Gauge<"group" | "topic" | "partition"> | undefined) ??
      new Gauge({
        name: NAME,
        help: "Messages behind the end of the partition, per consumer group, topic and partition (from the last batch handled or started)",
        labelNames: ["group", "topic", "partition"],
        registers: [registry],
      });
  }

  batchStarted(batch: BatchProgress): void {
    this.show(batch.topic, batch.partition, lagBeforeBatch(batch));
  }

  batchEnded(batch: BatchProgress): void {
    this.show(batch.topic, batch.partition, lagAfterBatch(batch));
  }

  /** After a rebalance: forget partitions this member no longer reads. */
  assigned(assignment: Record<string, number[]>): void {
    for (const [key, { topic, partition }] of this.reported) {
      if (assignment[topic]?.includes(partition)) continue;
      this.gauge.remove({ group: this.group, topic, partition: String(partition) });
      this.reported.delete(key);
    }
  }

  private show(topic: string, partition: number, lag: number): void {
    this.reported.set(`${topic}/${partition}`, { topic, partition });
    this.gauge.set({ group: this.group, topic, partition: String(partition) }, lag);
  }
}
