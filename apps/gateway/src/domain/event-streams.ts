// What the Server-Sent Event streams send, decided from what the services
// answer. Pure, so reconnects (Last-Event-ID) and duplicates are unit-tested.

export const FINAL_ORDER_STATUSES: ReadonlySet<string> = new Set(["CONFIRMED", "REJECTED", "CANCELLED"]);

export interface StatusChange {
  status: string;
  at: string;
  reason?: string;
}

export interface StreamEvent<T> {
  /** What a client sends back as Last-Event-ID to continue after this event. */
  id: string;
  data: T;
}

/**
 * How many of an order's status changes the client has, from its Last-Event-ID:
 * the ids count the changes (1 is the first), so anything else means none.
 */
export function changesReceived(lastEventId: string | undefined): number {
  if (!lastEventId || !/^\d{1,6}$/.test(lastEventId)) return 0;
  return Number(lastEventId);
}

/** The changes of `history` after the first `received`, each with its id; in order, none twice. */
export function newStatusEvents<T extends StatusChange>(
  orderId: string,
  history: readonly T[],
  received: number,
): StreamEvent<T & { orderId: string }>[] {
  return history.slice(received).map((change, index) => ({
    id: String(received + index + 1),
    data: { orderId, ...change },
  }));
}

export const isFinalStatus = (status: string): boolean => FINAL_ORDER_STATUSES.has(status);

export interface FeedEntry {
  id: string;
}

/**
 * The notifications of a newest-first page that the client has not seen,
 * oldest first. Without a Last-Event-ID a client sees only what comes after it
 * connected (it reads the feed for the past); with one, what came after that
 * notification; with one that is not on the page (too old, or unknown), the
 * whole page, since a duplicate is better than a gap (ids let clients drop it).
 */
export function initiallyUnseen<T extends FeedEntry>(
  newestFirst: readonly T[],
  lastEventId: string | undefined,
): { unseen: T[]; seen: string[] } {
  if (lastEventId === undefined) return { unseen: [], seen: newestFirst.map((entry) => entry.id) };
  const position = newestFirst.findIndex((entry) => entry.id === lastEventId);
  const newer = position === -1 ? newestFirst : newestFirst.slice(0, position);
  const older = position === -1 ? [] : newestFirst.slice(position);
  return { unseen: [...newer].reverse(), seen: older.map((entry) => entry.id) };
}

/** Entries of a later page not in `seen`, oldest first. */
export const unseenEntries = <T extends FeedEntry>(
  newestFirst: readonly T[],
  seen: ReadonlySet<string>,
): T[] => newestFirst.filter((entry) => !seen.has(entry.id)).reverse();
