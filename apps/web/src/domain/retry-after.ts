/** Answers that mean "not now, try again shortly": this customer (429) or the system (503). */
export const isOverload = (status: number): boolean => status === 429 || status === 503;

const DEFAULT_SECONDS = 2;
const LONGEST_SECONDS = 60;

/**
 * Seconds to wait from a Retry-After header: delta-seconds or an HTTP date
 * (RFC 9110). Missing or unreadable: a short default. Bounded, so a wrong
 * header never parks a shopper for an hour.
 */
export function retryAfterSeconds(header: string | null | undefined, now: Date): number {
  const value = header?.trim();
  if (!value) return DEFAULT_SECONDS;
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return DEFAULT_SECONDS;
  return Math.min(LONGEST_SECONDS, Math.max(1, seconds));
}
