/** Gives back a slot taken from an InFlightLimit; calling it again does nothing. */
export type Release = () => void;

/**
 * Gives back a slot and says when the request ended (`end`, on the clock its
 * slot was taken with) and whether its latency means anything (false for a
 * request that ended without its answer). Calling it again does nothing.
 */
export type MeasuredRelease = (end: number, measured?: boolean) => void;

/** Requests processed at once: a fixed number (InFlightLimit) or one that follows latency (GradientLimit). */
export abstract class RequestLimit {
  /** Requests that may be in flight now. */
  abstract readonly limit: number;
  abstract readonly current: number;
  /** A slot taken at `now`, or undefined at the limit. */
  abstract tryAcquire(now: number): MeasuredRelease | undefined;
}

/**
 * At most `max` requests at once. A plain counter rather than a queue: past the
 * limit a request is refused at once, so an overloaded gateway answers quickly
 * instead of holding connections and memory for work it cannot do soon.
 */
export class InFlightLimit extends RequestLimit {
  private inFlight = 0;

  constructor(readonly max: number) {
    super();
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  }

  get limit(): number {
    return this.max;
  }

  get current(): number {
    return this.inFlight;
  }

  /** A slot and the function that gives it back, or undefined when all `max` are taken. */
  tryAcquire(): Release | undefined {
    if (this.inFlight >= this.max) return undefined;
    this.inFlight += 1;
    let released = false;
    // Once only: a response can end more than one way (finished, then its socket
    // closed); counting it twice would let more than `max` in.
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}

/** Event streams count apart: a stream is open for minutes, not a request in flight. */
export class OpenStreams extends InFlightLimit {}
