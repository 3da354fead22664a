import { Currency, Sku, UnitPriceCents } from "@peakshop/contracts";
import { z } from "zod";

/** Body of PUT /v1/admin/products/{sku}. */
export const productSpecRequest = z.strictObject({
  /** Display name. */
  name: z.string().trim().min(1).max(200),
  /** Price of one item in integer minor units of `currency`. */
  priceCents: UnitPriceCents.max(Number.MAX_SAFE_INTEGER),
  /** ISO 4217 alphabetic code. */
  currency: Currency,
  /** Total items for sale from now on, counting those already held or sold. */
  stock: z.number().int().min(0).max(1_000_000_000),
});

export const skuParam = Sku;

/** Query of GET /v1/products: without `limit`, every product; with it, a page after `cursor` (a SKU). */
export const catalogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: Sku.optional(),
});
