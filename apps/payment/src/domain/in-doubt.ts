/**
 * A charge whose request may have reached the bank (it timed out, or its
 * answer was lost) is in doubt: the bank can still be processing it, and a
 * lookup that finds nothing proves nothing until the bank's longest
 * processing time has passed since the request was sent. Every attempt was
 * sent before the payment was abandoned, so the doubt ends `windowMs` after
 * `abandonedAt`. Until then a "not found" means: ask again.
 */
export type NotFoundVerdict = { settled: true } | { settled: false; askAgainAt: Date };

export function notFoundVerdict(abandonedAt: string, now: Date, windowMs: number): NotFoundVerdict {
  const doubtEnds = Date.parse(abandonedAt) + windowMs;
  if (!Number.isFinite(doubtEnds) || now.getTime() >= doubtEnds) return { settled: true };
  return { settled: false, askAgainAt: new Date(doubtEnds) };
}
