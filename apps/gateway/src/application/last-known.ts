/** A value with how old it is: `ageMs` grows while the source cannot be read. */
export interface Known<T> {
  value: T;
  ageMs: number;
}

/**
 * The last value read from a source, read again at most once per `freshForMs`
 * however many ask (concurrent readers share one read). When the source fails,
 * the last value is served with its age instead of the failure: a status page
 * must stay readable when the service behind it is overloaded or down. Only
 * with no value yet does the failure reach the caller.
 */
export class LastKnown<T> {
  private known: { value: T; readAt: number } | undefined;
  private reading: Promise<Known<T>> | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly freshForMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<Known<T>> {
    const known = this.known;
    if (known && this.now() - known.readAt < this.freshForMs)
      return Promise.resolve({ value: known.value, ageMs: this.now() - known.readAt });
    this.reading ??= this.readAgain().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readAgain(): Promise<Known<T>> {
    try {
      const value = await this.read();
      this.known = { value, readAt: this.now() };
      return { value, ageMs: 0 };
    } catch (error) {
      if (!this.known) throw error;
      return { value: this.known.value, ageMs: this.now() - this.known.readAt };
    }
  }
}
