import { CustomerId, Sku } from "@peakshop/contracts";
import { randomUUID } from "node:crypto";
import { z } from "zod";

// Shapes only; quantity ranges are the cart's rules and answered by the domain (422).
export const addItemBody = z.strictObject({ sku: Sku, quantity: z.number().int() });
export const changeQuantityBody = z.strictObject({ quantity: z.number().int() });
export const checkoutBody = z.strictObject({
  /** The bank's opaque token; the same bound as CheckoutRequested's. */
  paymentToken: z.string().min(1).max(512),
});
/** Visible ASCII only: the id becomes part of a stream id, which travels in a Kafka header. */
export const customerIdParam = CustomerId.regex(/^[\x21-\x7e]+$/, "visible ASCII characters only");
export const skuParam = Sku;
/** Bounded like CheckoutRequested's idempotencyKey, so an accepted key can always be published. */
export const idempotencyKeyHeader = z.string().min(1).max(255);

const HEADER_SAFE_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The request id that travels as correlation and causation id of what this request
 * publishes; a client-sent id that could not ride in a Kafka header is replaced.
 */
export function requestIdOf(request: { id?: unknown }): string {
  return typeof request.id === "string" && HEADER_SAFE_ID.test(request.id) ? request.id : randomUUID();
}
