import { z } from "zod";
import { Sku } from "./identifiers.schema";
import { UnitPriceCents } from "./money.schema";

/** Bounds a single message; a festival cart is large, but not unbounded. */
export const MAX_LINES = 100;

/** A quantity of items: a whole number, at least one. */
export const Quantity = z.number().int().min(1).describe("Number of items, an integer >= 1.");

/** One priced line of an order; the server sets the price, never the client. */
export const PricedLine = z.strictObject({
  /** The item ordered. */
  sku: Sku,
  /** Display name of the item at checkout time, kept so notifications need no catalogue lookup. */
  name: z.string().min(1).max(200),
  /** How many of the item, >= 1. */
  quantity: Quantity,
  /** Price of one item in integer minor units of the message's `currency`, as priced by the server. */
  unitPriceCents: UnitPriceCents,
});
export type PricedLine = z.output<typeof PricedLine>;

/** One line of a stock reservation. */
export const StockLine = z.strictObject({
  /** The item to hold. */
  sku: Sku,
  /** How many items to hold, >= 1. */
  quantity: Quantity,
});
export type StockLine = z.output<typeof StockLine>;

/** One line that could not be reserved, with what was asked and what was left. */
export const UnavailableLine = z
  .strictObject({
    /** The item that is short. */
    sku: Sku,
    /** How many items the order asked for, >= 1. */
    requested: Quantity,
    /** How many items were available to reserve at that moment, >= 0 and below `requested`. */
    available: z.number().int().nonnegative(),
  })
  .refine((line) => line.available < line.requested, "available must be below requested");
export type UnavailableLine = z.output<typeof UnavailableLine>;

/** A non-empty list of lines with one line per SKU, so quantities never need summing by consumers. */
export function linesOf<TLine extends z.ZodType<{ sku: string }>>(line: TLine) {
  return z
    .array(line)
    .min(1)
    .max(MAX_LINES)
    .refine(
      (lines) => new Set(lines.map((l) => l.sku)).size === lines.length,
      "each SKU appears on one line only",
    );
}

/** True when `totalCents` is the sum of quantity x unit price over the lines. */
export function totalMatchesLines(order: { totalCents: number; items: readonly PricedLine[] }): boolean {
  const sum = order.items.reduce((acc, line) => acc + line.quantity * line.unitPriceCents, 0);
  return sum === order.totalCents;
}
