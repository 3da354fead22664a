import { PollingWorker } from "./polling-worker";

/**
 * A retention sweep: deletes what has outlived its use (expired keys, old inbox
 * records) in bounded batches, back to back while batches come back full, then
 * once every `sweepIntervalMs`. What it deletes is already ignored by readers,
 * so it can wait: a minute between sweeps by default.
 */
export abstract class SweepWorker extends PollingWorker {
  protected readonly batchSize: number = 1_000;
  protected readonly sweepIntervalMs: number = 60_000;

  /** Deletes at most `limit` items; returns how many it deleted. */
  protected abstract sweep(limit: number): Promise<number>;

  protected idleDelayMs(): number {
    return this.sweepIntervalMs;
  }

  protected async round(): Promise<number> {
    const deleted = await this.sweep(this.batchSize);
    // A full batch means there may be more; a partial one means done until the next sweep.
    return deleted === this.batchSize ? deleted : 0;
  }
}
