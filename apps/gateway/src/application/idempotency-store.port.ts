import type { IdempotencyRecord, StoredResponse } from "../domain/idempotency";

export interface KeyRef {
  customerId: string;
  key: string;
}

/** Idempotency keys per customer, in the gateway's own database. */
export abstract class IdempotencyStore {
  /**
   * Records the key as in progress; false (and the record on file) when it was
   * already there. A record created before `expiredBefore` counts as absent.
   */
  abstract claim(
    ref: KeyRef,
    requestHash: string,
    now: Date,
    expiredBefore: Date,
  ): Promise<{ claimed: true } | { claimed: false; record: IdempotencyRecord }>;
  /** Claims a key left in progress since before `staleBefore`; false if another request got it first. */
  abstract takeOver(ref: KeyRef, staleBefore: Date, now: Date): Promise<boolean>;
  /** The first answer, kept for replays. */
  abstract complete(ref: KeyRef, response: StoredResponse): Promise<void>;
  /** Forgets an in-progress key whose request failed in a way a retry may fix. */
  abstract release(ref: KeyRef): Promise<void>;
  /** Deletes up to `limit` keys created before `expiredBefore`; how many it deleted. */
  abstract purgeExpired(expiredBefore: Date, limit: number): Promise<number>;
}
