import type { IdempotencyRecord, StoredResponse } from "../domain/idempotency";

export interface KeyRef {
  customerId: string;
  key: string;
}

/**
 * Which attempt holds a key: its claim time. Completing or releasing a key
 * checks it, so an attempt whose key was taken over cannot touch the new one.
 */
export type ClaimToken = Date;

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
  ): Promise<{ claimed: true; token: ClaimToken } | { claimed: false; record: IdempotencyRecord }>;
  /** Claims a key left in progress since before `staleBefore`; undefined if another request got it first. */
  abstract takeOver(ref: KeyRef, staleBefore: Date, now: Date): Promise<ClaimToken | undefined>;
  /** The first answer, kept for replays (if this attempt still holds the key). */
  abstract complete(ref: KeyRef, token: ClaimToken, response: StoredResponse): Promise<void>;
  /** Forgets an in-progress key whose request failed in a way a retry may fix (if this attempt holds it). */
  abstract release(ref: KeyRef, token: ClaimToken): Promise<void>;
  /** Deletes up to `limit` keys created before `expiredBefore`; how many it deleted. */
  abstract purgeExpired(expiredBefore: Date, limit: number): Promise<number>;
}
