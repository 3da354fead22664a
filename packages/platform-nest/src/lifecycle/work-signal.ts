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
 * subscribes, so one notice wakes every waiter it concerns (see `subjects`)
 * and none is lost while a waiter is busy with a round.
 */
export interface SubscribeOptions {
  /**
   * Notices wake the waiter at most once per this many milliseconds (counted
   * from the end of its previous wait, when its previous round began). At low
   * rates no notice waits; under load each round takes the work of several
   * commits, so rounds, transactions and requests are shared (as Kafka's
   * linger.ms does for a producer's records).
   */
  minIntervalMs?: number;
  /**
   * Only notices about one of these subjects (e.g. event types) wake this
   * waiter, and notices that name no subject. Without it, every notice does.
   */
  subjects?: ReadonlySet<string>;
  /** The clock, for tests. */
  now?: () => number;
}

interface Subscription {
  pending: boolean;
  subjects?: ReadonlySet<string>;
  wake?: (notified: boolean) => void;
}

export class WorkSignal {
  private readonly subscriptions = new Set<Subscription>();

  /** New work about `subjects` (all waiters' business when none are named). */
  notify(subjects?: Iterable<string>): void {
    const named = subjects && [...subjects];
    for (const subscription of this.subscriptions) {
      const wanted = subscription.subjects;
      if (named && wanted && !named.some((subject) => wanted.has(subject))) continue;
      subscription.pending = true;
      subscription.wake?.(true);
    }
  }

  subscribe({ minIntervalMs = 0, subjects, now = Date.now }: SubscribeOptions = {}): WorkSubscription {
    const state: Subscription = { pending: false, subjects };
    let lastWaitEnded = Number.NEGATIVE_INFINITY;
    this.subscriptions.add(state);
    return {
      wait: (timeoutMs) =>
        new Promise<boolean>((resolve) => {
          let timer: NodeJS.Timeout | undefined;
          const end = (notified: boolean) => {
            lastWaitEnded = now();
            resolve(notified);
          };
          // A notice too soon after the last round is held until the interval is over.
          const paced = () => {
            const early = lastWaitEnded + minIntervalMs - now();
            if (early <= 0) return end(true);
            const release = () => {
              clearTimeout(timer);
              state.wake = undefined;
              // Notices that came while held are covered by the round about to start.
              state.pending = false;
              end(true);
            };
            timer = setTimeout(release, early);
            // Further notices only mark work pending; an interrupt (shutdown) ends the hold.
            state.wake = (notified) => {
              if (!notified) release();
            };
          };
          if (state.pending) {
            state.pending = false;
            paced();
            return;
          }
          timer = setTimeout(() => done(false), timeoutMs);
          function done(notified: boolean) {
            clearTimeout(timer);
            state.wake = undefined;
            state.pending = false;
            if (notified) paced();
            else end(false);
          }
          state.wake = done;
        }),
      interrupt: () => state.wake?.(false),
    };
  }
}
