import { RequestLimit, type MeasuredRelease } from "./in-flight-limit";

export interface GradientLimitSettings {
  /** Where the limit starts, before any latency was measured. */
  initial: number;
  /** Never below this many at once, however slow answers get (so the system keeps being measured). */
  min: number;
  /** Never above this many at once (GATEWAY_MAX_IN_FLIGHT). */
  max: number;
  /** How much slower than usual answers may get before the limit shrinks (1.5: 50% slower). */
  tolerance?: number;
  /** Weight of each new estimate (0..1): low values change the limit slowly and smoothly. */
  smoothing?: number;
  /** A window closes after this long, once it holds minSamples answers. */
  windowMs?: number;
  minSamples?: number;
  /** Answers averaged by the long-term latency (an exponential moving average over about this many windows). */
  longWindows?: number;
}

/** What the limit measured in its last closed window, for metrics. */
export interface GradientLimitState {
  limit: number;
  shortRttMs: number;
  longRttMs: number;
}

/**
 * A concurrency limit that follows measured latency, after Netflix's
 * concurrency-limits (Gradient2): each window compares the recent average
 * latency with the long-term one. When answers slow down (requests queue
 * somewhere behind the gateway), the gradient long/short falls below 1 and the
 * limit shrinks by up to half per window; when latency is at its usual level
 * the limit grows by a small queue allowance. So past capacity the gateway
 * refuses at once (503) instead of letting every request wait longer. Pure:
 * the caller passes the clock.
 */
export class GradientLimit extends RequestLimit {
  private estimate: number;
  private inFlight = 0;
  private longRtt = Number.NaN;
  private lastShortRtt = Number.NaN;
  private windowStart = Number.NaN;
  private windowSum = 0;
  private windowCount = 0;
  private windowMaxInFlight = 0;
  private readonly settings: Required<GradientLimitSettings>;

  constructor(settings: GradientLimitSettings) {
    super();
    this.settings = {
      tolerance: 1.5,
      smoothing: 0.2,
      windowMs: 500,
      minSamples: 10,
      longWindows: 60,
      ...settings,
    };
    const { min, max, initial } = this.settings;
    if (!(Number.isInteger(min) && min >= 1 && max >= min)) {
      throw new RangeError(`need 1 <= min <= max, got min ${min}, max ${max}`);
    }
    this.estimate = clamp(initial, min, max);
  }

  /** Requests admitted now may number this many. */
  get limit(): number {
    return Math.floor(this.estimate);
  }

  get current(): number {
    return this.inFlight;
  }

  get state(): GradientLimitState {
    return { limit: this.limit, shortRttMs: this.lastShortRtt, longRttMs: this.longRtt };
  }

  /**
   * A slot, or undefined at the limit. The release reports how long the request
   * took (from `now` here to the release's own `now`); a request that failed
   * without an answer is released with `measured` false and teaches nothing.
   */
  tryAcquire(now: number): MeasuredRelease | undefined {
    if (this.inFlight >= this.limit) return undefined;
    this.inFlight += 1;
    const inFlightAtStart = this.inFlight;
    let released = false;
    return (end, measured = true) => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (measured) this.sample(Math.max(0, end - now), inFlightAtStart, end);
    };
  }

  private sample(rttMs: number, inFlight: number, now: number): void {
    if (Number.isNaN(this.windowStart)) this.windowStart = now;
    this.windowSum += rttMs;
    this.windowCount += 1;
    this.windowMaxInFlight = Math.max(this.windowMaxInFlight, inFlight);
    if (now - this.windowStart < this.settings.windowMs || this.windowCount < this.settings.minSamples)
      return;
    this.update(this.windowSum / this.windowCount, this.windowMaxInFlight);
    this.windowStart = now;
    this.windowSum = 0;
    this.windowCount = 0;
    this.windowMaxInFlight = 0;
  }

  private update(shortRtt: number, maxInFlight: number): void {
    const { tolerance, smoothing, longWindows, min, max } = this.settings;
    this.lastShortRtt = shortRtt;
    this.longRtt = Number.isNaN(this.longRtt)
      ? shortRtt
      : this.longRtt + (shortRtt - this.longRtt) / longWindows;
    // After a long slow spell the long average lags behind a recovery: let it catch up faster.
    if (this.longRtt / Math.max(shortRtt, 1e-3) > 2) this.longRtt *= 0.95;
    const gradient = clamp((tolerance * this.longRtt) / Math.max(shortRtt, 1e-3), 0.5, 1);
    if (maxInFlight < this.estimate / 2) {
      // A limit far above what is used proves nothing about capacity: do not
      // grow it. Slower answers bring it down all the same, though never below
      // twice what is in use (no refusal for a latency blip): a system that
      // saturates at low concurrency (CPU-bound) then has a limit near enough
      // to refuse at as its concurrency climbs.
      if (gradient < 1) {
        const shrunk = this.estimate * (1 - smoothing) + this.estimate * gradient * smoothing;
        this.estimate = clamp(Math.min(this.estimate, Math.max(2 * maxInFlight, shrunk)), min, max);
      }
      return;
    }
    const queueAllowance = Math.max(4, Math.sqrt(this.estimate));
    const next = this.estimate * gradient + queueAllowance;
    this.estimate = clamp(this.estimate * (1 - smoothing) + next * smoothing, min, max);
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
