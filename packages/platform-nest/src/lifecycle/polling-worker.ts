import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from "@nestjs/common";
import { WorkSignal, type WorkSubscription } from "./work-signal";

/**
 * A background loop driven by a database table (schedules, timers, deliveries):
 * it starts with the app, runs rounds back to back while there is work, pauses
 * when a round finds none, and on shutdown finishes the round in hand before
 * the database closes. A worker whose work is written by its own process names
 * the signal its writers notify after commit (wakeOn), and wakes at once
 * instead of at its next poll. Starting twice is harmless (a hybrid Nest app
 * calls bootstrap hooks once per part).
 */
export abstract class PollingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private running = false;
  private loop?: Promise<void>;
  private subscription?: WorkSubscription;

  /** Pause after a round that found nothing to do (the fallback poll when a signal wakes the worker). */
  protected abstract idleDelayMs(): number;

  /** One bounded round of work; returns how many items it handled (0 pauses before the next round). */
  protected abstract round(): Promise<number>;

  /**
   * In how many ms the next known item comes due, if the worker can tell (a
   * schedule's earliest row): an idle pause then ends at that moment, never
   * later than idleDelayMs. Work due later than a short poll's step (retry
   * backoffs, deadlines) runs on time without polling all the while.
   */
  protected async nextDueInMs(): Promise<number | undefined> {
    return undefined;
  }

  /** The signal that says new work was committed here; none means polling only. */
  protected wakeOn(): WorkSignal | undefined {
    return undefined;
  }

  /** Wakes by the signal start at least this far apart, so one round takes the work of several commits under load. */
  protected wakeIntervalMs(): number {
    return 10;
  }

  onApplicationBootstrap(): void {
    if (this.running) return;
    this.running = true;
    this.subscription = (this.wakeOn() ?? new WorkSignal()).subscribe({
      minIntervalMs: this.wakeIntervalMs(),
    });
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.subscription?.interrupt();
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
      if (handled !== 0 || !this.running) continue;
      const pause = await this.idlePauseMs();
      // Shutdown may have come while the pause was worked out: a wait begun after it would not be interrupted.
      if (this.running) await this.subscription?.wait(pause);
    }
  }

  private async idlePauseMs(): Promise<number> {
    const longest = this.idleDelayMs();
    try {
      const due = await this.nextDueInMs();
      // A row already due that this round skipped (another worker holds it) must not spin the loop.
      return due === undefined ? longest : Math.min(longest, Math.max(this.wakeIntervalMs(), due));
    } catch (error) {
      this.logger.warn({ err: error }, "could not read when work comes due next; polling");
      return longest;
    }
  }
}
