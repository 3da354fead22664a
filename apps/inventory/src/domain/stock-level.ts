import { spreadStock } from "./stock-buckets";

/** Where a SKU's stock on sale is: every item is available, held, or sold. */
export interface StockCommitments {
  /** Items in live holds (reserved, not yet committed or released). */
  readonly held: number;
  /** Items committed to paid orders; they never come back. */
  readonly sold: number;
}

/** Setting the stock below what is already held or sold would oversell (I3). */
export class StockBelowCommitments extends Error {
  constructor(
    readonly sku: string,
    readonly stock: number,
    readonly commitments: StockCommitments,
  ) {
    super(`${sku}: stock ${stock} is below the ${commitments.held} held and ${commitments.sold} sold items`);
    this.name = "StockBelowCommitments";
  }
}

/**
 * The bucket contents after the stock on sale is set to `stock` (the total to
 * sell from now on, counting what is already held or sold): the remainder
 * spread evenly over `bucketCount` buckets, which also rebalances buckets that
 * buyers drained unevenly.
 */
export function restock(
  sku: string,
  stock: number,
  commitments: StockCommitments,
  bucketCount: number,
): number[] {
  const available = stock - commitments.held - commitments.sold;
  if (available < 0) throw new StockBelowCommitments(sku, stock, commitments);
  return spreadStock(available, bucketCount);
}
