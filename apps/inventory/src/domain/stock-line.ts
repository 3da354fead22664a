/** One line of a reservation: how many items of one SKU. */
export interface StockLine {
  readonly sku: string;
  /** Whole items, >= 1. */
  readonly quantity: number;
}

/** A line that could not be held, with what was left of its SKU at that moment. */
export interface ShortLine {
  readonly sku: string;
  readonly requested: number;
  /** Items available to reserve then, below `requested`; 0 for an unknown SKU. */
  readonly available: number;
}

/** Why the order saga gave a hold back. */
export type CancellationReason =
  "payment-declined" | "payment-deadline-passed" | "cancelled-by-customer" | "stock-hold-expired";

/** Why a hold ended without a sale: the saga's reason, or the hold ran out by itself. */
export type ReleaseReason = CancellationReason | "hold-expired";

/** Total items over the lines. */
export const quantityOf = (lines: readonly StockLine[]): number =>
  lines.reduce((sum, line) => sum + line.quantity, 0);
