import { z } from "zod";

// Shapes only; the bank's rules (replays, refundable amounts) are the domain's and answered 422/404.
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const amountCents = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const chargeBody = z.strictObject({
  /** Integer minor units, > 0. */
  amountCents,
  /** ISO 4217 code. */
  currency: z.string().refine((code) => CURRENCIES.has(code), "must be an ISO 4217 currency code, e.g. EUR"),
  /** The client's reference: the order id. */
  reference: z.string().min(1).max(200),
  paymentToken: z.string().min(1).max(512),
});

export const refundBody = z.strictObject({
  chargeId: z.string().min(1).max(100),
  /** Integer minor units in the charge's currency, > 0. */
  amountCents,
});

/**
 * At most 100 characters: Fastify's default limit on a path parameter, so that
 * every key a charge was made with can also be looked up by GET /v1/charges/{key}.
 */
export const idempotencyKeyHeader = z
  .string({ error: "required: the Idempotency-Key header names the charge or refund" })
  .min(1)
  .max(100);

export const ledgerQuery = z.strictObject({ reference: z.string().min(1).max(200).optional() });

const rate = z.number().min(0).max(1);
const milliseconds = z.number().int().min(0).max(600_000);

/** Omitted fields take their defaults: `PUT {}` turns every fault off. */
export const faultsBody = z.strictObject({
  latencyMs: milliseconds.optional(),
  errorRate: rate.optional(),
  outage: z.boolean().optional(),
  capacity: z.number().int().min(1).nullable().optional(),
  overloadStallShare: rate.optional(),
  overloadStallMs: milliseconds.optional(),
  lostResponseRate: rate.optional(),
  declineRate: rate.optional(),
});
