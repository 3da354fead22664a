import type { BankRequestOutcome } from "./bank-request-outcome";

export type CircuitState = "closed" | "half-open" | "open";

export interface BankHealthView {
  circuit: { state: CircuitState; since: string; reason?: string };
  /** Requests this instance sent to the bank over the last `windowSeconds`, and how they went. */
  recent: {
    windowSeconds: number;
    sent: number;
    failed: number;
    /** failed / sent (timeouts and errors; declines are answers), 0 when nothing was sent. */
    errorRate: number;
    /** Not sent at all: the circuit was open or the bulkhead full. */
    rejected: number;
  };
}

interface Bucket {
  second: number;
  sent: number;
  failed: number;
  rejected: number;
}

/**
 * What an operator asks first during an incident: is the circuit open, and how
 * often does the bank fail right now. Counts live in one bucket per second over
 * a sliding window, so memory stays bounded however busy the bank is.
 */
export class BankHealthWindow {
  private readonly buckets: Bucket[] = [];
  private circuit: BankHealthView["circuit"];

  constructor(
    private readonly windowSeconds = 60,
    now: Date = new Date(),
  ) {
    this.circuit = { state: "closed", since: now.toISOString() };
  }

  requestFinished(outcome: BankRequestOutcome, now: Date = new Date()): void {
    const bucket = this.bucketAt(Math.floor(now.getTime() / 1000));
    if (outcome === "rejected") bucket.rejected += 1;
    else {
      bucket.sent += 1;
      if (outcome === "error" || outcome === "timeout") bucket.failed += 1;
    }
  }

  circuitChanged(state: CircuitState, now: Date = new Date(), reason?: string): void {
    this.circuit = { state, since: now.toISOString(), ...(reason ? { reason } : {}) };
  }

  view(now: Date = new Date()): BankHealthView {
    const oldest = Math.floor(now.getTime() / 1000) - this.windowSeconds + 1;
    const live = this.buckets.filter((bucket) => bucket.second >= oldest);
    const sum = (field: "sent" | "failed" | "rejected") =>
      live.reduce((total, bucket) => total + bucket[field], 0);
    const sent = sum("sent");
    const failed = sum("failed");
    return {
      circuit: { ...this.circuit },
      recent: {
        windowSeconds: this.windowSeconds,
        sent,
        failed,
        errorRate: sent === 0 ? 0 : failed / sent,
        rejected: sum("rejected"),
      },
    };
  }

  private bucketAt(second: number): Bucket {
    const last = this.buckets.at(-1);
    if (last && last.second === second) return last;
    const oldest = second - this.windowSeconds + 1;
    while (this.buckets.length && this.buckets[0]!.second < oldest) this.buckets.shift();
    const bucket = { second, sent: 0, failed: 0, rejected: 0 };
    this.buckets.push(bucket);
    return bucket;
  }
}
