/** One waiter's view of a WorkSignal: a notice that arrives while it works is kept for its next wait. */
export interface WorkSubscription {
  /**
   * Resolves at the next notice (at once if one came since the last wait) with
   * true, or after `timeoutMs` (or an interrupt) with false.
   */
  wait(timeoutMs: number): Promise<boolean>;
  /** Ends a wait in progress, as on shutdown. */
  interrupt(): void;
}

/**
 * "New work was committed": lets a background loop sleep until a writer of the
 * same process says so instead of polling a table, with its poll kept only as
 * a fallback (work written by other processes, a lost notice). Each waiter
 * subscribes, so one notice wakes them all and none is lost while a waiter is
 * busy with a round.
 */
export class WorkSignal {
  private readonly subscriptions = new Set<{ pending: boolean; wake?: (notified: boolean) => void }>();

  notify(): void {
    for (const subscription of this.subscriptions) {
      subscription.pending = true;
      subscription.wake?.(true);
    }
  }

  subscribe(): WorkSubscription {
    const state: { pending: boolean; wake?: (notified: boolean) => void } = { pending: false };
    this.subscriptions.add(state);
    return {
      wait: (timeoutMs) =>
        new Promise<boolean>((resolve) => {
          if (state.pending) {
            state.pending = false;
            resolve(true);
            return;
          }
          const timer = setTimeout(() => done(false), timeoutMs);
          function done(notified: boolean) {
            clearTimeout(timer);
            state.wake = undefined;
            state.pending = false;
            resolve(notified);
          }
          state.wake = done;
        }),
      interrupt: () => state.wake?.(false),
    };
  }
}
