/** What one arrival did: answered (accepted or refused) or failed, and how long its answers took. */
export interface ArrivalOutcome {
  kind: "accepted" | "refused" | "failed";
  /** HTTP status of the answer that decided the outcome (0 when no answer came). */
  status: number;
  /** Milliseconds from sending the deciding request to its answer. */
  latencyMs: number;
}

export interface OpenLoadOptions {
  /** Arrivals per second, kept whatever the answers do (an open model). */
  ratePerSecond: number;
  durationMs: number;
  /** Hard bound on arrivals in flight, so a dead system cannot grow the generator without end. */
  maxInFlight: number;
  arrive: (index: number) => Promise<ArrivalOutcome>;
  now?: () => number;
}

export interface OpenLoadResult {
  offered: number;
  /** Arrivals not started because maxInFlight were still waiting: counted as failed. */
  dropped: number;
  outcomes: ArrivalOutcome[];
  elapsedMs: number;
}

const TICK_MS = 5;

/**
 * A constant arrival rate that never waits for answers: each arrival is due at
 * start + i / rate, and every one due is started at once, so a slow system
 * meets the same load as a fast one and coordinated omission cannot hide its
 * latency. Bounded in count (rate x duration) and time (duration).
 */
export async function runOpenLoad(options: OpenLoadOptions): Promise<OpenLoadResult> {
  const now = options.now ?? (() => performance.now());
  const total = Math.round((options.ratePerSecond * options.durationMs) / 1000);
  const outcomes: ArrivalOutcome[] = [];
  const pending = new Set<Promise<void>>();
  let started = 0;
  let dropped = 0;
  const begin = now();
  while (started < total) {
    const due = Math.min(total, Math.floor(((now() - begin) * options.ratePerSecond) / 1000) + 1);
    for (; started < due; started++) {
      if (pending.size >= options.maxInFlight) {
        dropped++;
        outcomes.push({ kind: "failed", status: 0, latencyMs: 0 });
        continue;
      }
      const arrival = options
        .arrive(started)
        .catch((): ArrivalOutcome => ({ kind: "failed", status: 0, latencyMs: 0 }))
        .then((outcome) => {
          outcomes.push(outcome);
          pending.delete(arrival);
        });
      pending.add(arrival);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pending);
  return { offered: total, dropped, outcomes, elapsedMs: now() - begin };
}
