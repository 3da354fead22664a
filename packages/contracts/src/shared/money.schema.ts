import { z } from "zod";

/** A price of one unit in integer minor units (cents); zero is allowed for free items. */
export const UnitPriceCents = z
  .number()
  .int()
  .nonnegative()
  .describe("Integer minor units of the message's currency (e.g. cents); never a float.");

/**
 * An amount that is charged, refunded or owed, in integer minor units (cents). Always positive:
 * this flow has no free orders, so there is never a zero charge.
 */
export const AmountCents = z
  .number()
  .int()
  .positive()
  .describe("Integer minor units of the message's currency (e.g. cents), > 0; never a float.");

/** ISO 4217 alphabetic currency code, e.g. `EUR`, `CNY`. */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe("ISO 4217 alphabetic currency code, e.g. EUR.");
