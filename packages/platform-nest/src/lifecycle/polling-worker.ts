import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from "@nestjs/common";

/**
 * A background loop driven by a database table (schedules, timers, deliveries):
 * it starts with the app, runs rounds back to back while there is work, pauses
 * when a round finds none, and on shutdown finishes the round in hand before
 * the database closes. Starting twice is harmless (a hybrid Nest app calls
 * bootstrap hooks once per part).
 */
export abstract class PollingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  /** Pause after a round that found nothing to do. */
  protected abstract idleDelayMs(): number;

  /** One bounded round of work; returns how many items it handled (0 pauses before the next round). */
  protected abstract round(): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.round();
      } catch (error) {
        // Work claimed by a failed round comes due again after its lease.
        this.logger.error({ err: error }, "background round failed; retrying");
      }
      if (handled === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleDelayMs());
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
