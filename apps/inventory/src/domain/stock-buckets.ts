/**
 * A SKU's available stock is split over several bucket rows so that buyers of
 * one hot SKU lock different rows (see adapters/persistence/bucket-allocator.ts).
 * These are the pure rules for filling and draining the buckets.
 */
export interface BucketStock {
  readonly bucket: number;
  /** Items in this bucket that nobody holds or bought, >= 0. */
  readonly available: number;
}

/** Take `quantity` items from `bucket`. */
export interface Take {
  readonly bucket: number;
  readonly quantity: number;
}

export const totalAvailable = (buckets: readonly BucketStock[]): number =>
  buckets.reduce((sum, bucket) => sum + bucket.available, 0);

/**
 * Spreads `units` over `count` buckets as evenly as possible (the first buckets
 * get the remainder), so each bucket can serve about the same number of buyers.
 */
export function spreadStock(units: number, count: number): number[] {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`units must be >= 0, got ${units}`);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be >= 1, got ${count}`);
  const base = Math.floor(units / count);
  const remainder = units % count;
  return Array.from({ length: count }, (_, index) => base + (index < remainder ? 1 : 0));
}

/**
 * Where to take `quantity` from once every bucket of the SKU is in hand: the
 * fullest buckets first, so a quantity one bucket can cover touches one row,
 * and a larger one touches as few as possible. Undefined when all the buckets
 * together hold less than `quantity`.
 */
export function planGather(buckets: readonly BucketStock[], quantity: number): Take[] | undefined {
  if (quantity < 1) throw new RangeError(`quantity must be >= 1, got ${quantity}`);
  if (totalAvailable(buckets) < quantity) return undefined;
  const fullestFirst = [...buckets].sort((a, b) => b.available - a.available || a.bucket - b.bucket);
  const takes: Take[] = [];
  let missing = quantity;
  for (const { bucket, available } of fullestFirst) {
    if (missing === 0) break;
    const taken = Math.min(available, missing);
    if (taken > 0) takes.push({ bucket, quantity: taken });
    missing -= taken;
  }
  return takes;
}
