export interface SagaBacklogGateSettings {
  /** Backlog (ms) at which checkouts start to be refused; 0 turns the gate off. */
  targetMs: number;
  /** A reading older than this is not trusted: the gate admits everything (fails open). */
  staleAfterMs: number;
}

/**
 * Refuses a share of new checkouts while the saga is behind (the order
 * service's SagaBacklog.delayMs, polled): none at the target, more as the
 * backlog grows, all of them at twice the target. A ramp rather than a
 * threshold, so admissions taper off instead of flapping between all and none
 * from one poll to the next. The gradient limit keeps requests quick; this keeps
 * the work they start finishable. Unknown or stale readings (order down or
 * slow to answer) admit everything: the in-flight limit still bounds the
 * gateway, and a checkout accepted now is finished once order is back. Pure:
 * the caller passes the clock and the dice.
 */
export class SagaBacklogGate {
  private reading?: { delayMs: number; at: number };

  constructor(private readonly settings: SagaBacklogGateSettings) {}

  observe(delayMs: number, now: number): void {
    this.reading = { delayMs, at: now };
  }

  /** The last reading, if still fresh: what the gate acts on. */
  delayMs(now: number): number | undefined {
    const { reading } = this;
    if (!reading || now - reading.at > this.settings.staleAfterMs) return undefined;
    return reading.delayMs;
  }

  /** Share of checkouts refused now, 0..1. */
  refusedShare(now: number): number {
    const { targetMs } = this.settings;
    const delay = this.delayMs(now);
    if (targetMs <= 0 || delay === undefined) return 0;
    return Math.min(1, Math.max(0, (delay - targetMs) / targetMs));
  }

  /** Whether to refuse this checkout; `random` is uniform in [0, 1). */
  refuses(now: number, random: number): boolean {
    return random < this.refusedShare(now);
  }
}
