/** What the gateway keeps per (customer, Idempotency-Key). */
export interface IdempotencyRecord {
  requestHash: string;
  /** Null while the first request with this key is still being answered. */
  response: StoredResponse | null;
  createdAt: Date;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What to do with a request whose key is already on record. */
export type ReplayDecision =
  | { kind: "replay"; response: StoredResponse }
  | { kind: "mismatch" }
  | { kind: "in-progress" }
  | { kind: "take-over" };

/**
 * Same key, same body: replay the first answer. Same key, other body: refuse
 * (the client reused a key by mistake). Still being answered: the caller says
 * 409 and lets the client retry, unless the first attempt is older than
 * `staleAfterMs` (its gateway died mid-request), when this one takes over; that
 * is safe because the service behind deduplicates the same key again.
 */
export function decideReplay(
  record: IdempotencyRecord,
  requestHash: string,
  now: Date,
  staleAfterMs: number,
): ReplayDecision {
  if (record.requestHash !== requestHash) return { kind: "mismatch" };
  if (record.response) return { kind: "replay", response: record.response };
  return now.getTime() - record.createdAt.getTime() > staleAfterMs
    ? { kind: "take-over" }
    : { kind: "in-progress" };
}

/**
 * Which answers a key keeps. Successes and the client's own errors are final
 * for the key; server-side failures, overload and conflicts are not, so a retry
 * with the same key gets another go.
 */
export const isReplayable = (status: number): boolean =>
  status < 500 && status !== 409 && status !== 429 && status !== 408;
