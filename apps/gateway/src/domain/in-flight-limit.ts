/** Gives back a slot taken from an InFlightLimit; calling it again does nothing. */
export type Release = () => void;

/**
 * At most `max` requests at once. A plain counter rather than a queue: past the
 * limit a request is refused at once, so an overloaded gateway answers quickly
 * instead of holding connections and memory for work it cannot do soon.
 */
export class InFlightLimit {
  private inFlight = 0;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
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
