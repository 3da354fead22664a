/** Whole seconds, at least 1: what Retry-After may hold (RFC 9110 delay-seconds). */
const wholeSeconds = (seconds: number): number =>
  Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 1;

/** Retry-After for a customer over their rate limit: until their oldest counted request leaves the window. */
export const rateLimitRetryAfterSeconds = (secondsUntilSlotFrees: number): number =>
  wholeSeconds(secondsUntilSlotFrees);

/**
 * Retry-After for a gateway at its in-flight limit: between `baseSeconds` and
 * twice that, spread by `random` (in [0, 1)), so the clients turned away in
 * the same instant do not all come back in the same instant.
 */
export const overloadRetryAfterSeconds = (baseSeconds: number, random: number): number => {
  const base = wholeSeconds(baseSeconds);
  const spread = Math.min(Math.max(random, 0), 0.999_999);
  return base + Math.floor(spread * (base + 1));
};

const inSeconds = (seconds: number): string => (seconds === 1 ? "1 second" : `${seconds} seconds`);

/** The human-readable detail of a 503 at the in-flight limit. */
export const overloadDetail = (retryAfterSeconds: number): string =>
  `peakshop is very busy right now; please retry in ${inSeconds(retryAfterSeconds)}. Your cart is saved.`;

/** The human-readable detail of a 503 while the saga is too far behind to take more checkouts now. */
export const sagaBacklogDetail = (retryAfterSeconds: number): string =>
  `We're taking more orders than we can finish right now; please retry your checkout in ${inSeconds(retryAfterSeconds)}. Your cart is saved.`;

/** The human-readable detail of a 429; a checkout says the cart is safe, since that is what a buyer worries about. */
export const rateLimitDetail = (retryAfterSeconds: number, checkout: boolean): string =>
  checkout
    ? `You're checking out faster than we can take it; please wait ${inSeconds(retryAfterSeconds)}. Your cart is saved.`
    : `You're sending requests faster than we can take them; please wait ${inSeconds(retryAfterSeconds)}.`;
