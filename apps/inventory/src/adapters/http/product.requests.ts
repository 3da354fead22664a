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

/** A request that breaks its schema; answered 400 with one entry per field. */
export class RequestInvalid extends Error {
  constructor(readonly errors: { field: string; message: string }[]) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join("; "));
    this.name = "RequestInvalid";
  }

  static from(error: z.ZodError, prefix = ""): RequestInvalid {
    return new RequestInvalid(
      error.issues.map((issue) => ({
        field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
        message: issue.message,
      })),
    );
  }
}

export function parseRequest<T extends z.ZodType>(schema: T, input: unknown, prefix?: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw RequestInvalid.from(parsed.error, prefix);
  return parsed.data;
}
