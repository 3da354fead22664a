import { z } from "zod";

// Descriptions travel into the AsyncAPI document's JSON Schemas; field-specific meaning is
// in the TSDoc of each message's fields.

/** An order id: a UUID chosen when the checkout is accepted; the key of every order-flow topic. */
export const OrderId = z.uuid().describe("Order id (UUID).");

/** A payment id: a UUID chosen by the order saga, also the idempotency key of the bank charge. */
export const PaymentId = z.uuid().describe("Payment id (UUID); the idempotency key of the bank charge.");

/** A customer id: opaque, as issued by the identity provider (the JWT subject). */
export const CustomerId = z.string().min(1).max(128).describe("Customer id (opaque, the JWT subject).");

/**
 * A stock keeping unit: opaque catalogue identifier of one sellable item.
 * Control characters and UTF-16 surrogates are refused at the edge: PostgreSQL
 * cannot store NUL in text, and a lone surrogate would be stored as U+FFFD and
 * never match again (found by the gateway's schemathesis run).
 */
export const Sku = z
  .string()
  .min(1)
  .max(64)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f-\u009f\ud800-\udfff]+$/, "no control characters or surrogates")
  .describe("Stock keeping unit (opaque).");
