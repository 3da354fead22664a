/** One page of a list, as every list of the API answers it. */
export interface Page<T> {
  items: T[];
  /** Where the next page starts (`cursor`), or null on the last page. */
  nextCursor: string | null;
}

/**
 * Reads one page of at most `limit` items. It asks `read` for one more than
 * that: an extra row says another page follows, without counting, and the
 * page's last item gives the cursor that leads to it.
 */
export async function readPage<T>(
  limit: number,
  read: (count: number) => Promise<T[]>,
  cursorOf: (last: T) => string,
): Promise<Page<T>> {
  const found = await read(limit + 1);
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit && items.length > 0 ? cursorOf(items.at(-1)!) : null };
}
