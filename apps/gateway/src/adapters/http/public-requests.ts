import { Currency, Sku, UnitPriceCents } from "@peakshop/contracts";
import "zod-openapi";
import { z } from "zod";

// Every public input, strict: an unknown field is a client bug worth a 400, not something to ignore.

export const devTokenBody = z
  .strictObject({
    customerId: z.string().regex(/^[\x21-\x7e]{1,128}$/, "1 to 128 visible ASCII characters"),
    roles: z
      .array(z.enum(["admin"]))
      .max(8)
      .optional(),
  })
  .meta({ id: "DevTokenRequest" });

export const productBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    /** Price of one item in integer minor units of `currency`. */
    priceCents: UnitPriceCents.max(Number.MAX_SAFE_INTEGER),
    currency: Currency,
    /** Items on sale; available = stock less live holds and sold items. */
    stock: z.number().int().min(0).max(1_000_000_000),
  })
  .meta({ id: "ProductSpec" });

export const skuParam = Sku;
/** The cart's own bound on a line (MAX_LINE_QUANTITY), stated here so clients can read it in the OpenAPI document. */
const MAX_LINE_QUANTITY = 99;
export const addItemBody = z
  .strictObject({
    sku: Sku,
    /** Added to the line's quantity; the line may hold at most 99 (else 422). */
    quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
  })
  .meta({ id: "AddCartItem" });
export const changeQuantityBody = z
  .strictObject({
    /** The line's new quantity; 0 removes the line. */
    quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
  })
  .meta({ id: "ChangeCartItem" });
export const checkoutBody = z
  .strictObject({ paymentToken: z.string().min(1).max(512) })
  .meta({ id: "CheckoutRequest" });
/** Bounded like the cart's, so an accepted key can always travel on. */
export const idempotencyKeyHeader = z.string().min(1).max(255);

/** Every list pages the same way: `limit`, and `cursor` from the previous page's `nextCursor`. */
const page = {
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(512).optional(),
};

export const orderListQuery = z.strictObject({
  status: z
    .enum(["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING", "CONFIRMED", "REJECTED", "CANCELLED"])
    .optional(),
  ...page,
});

export const notificationQuery = z
  .strictObject({
    ...page,
    /** The first name of the cursor here (a notification id); kept for its callers. */
    after: z.uuid().optional().meta({ deprecated: true, description: "Use cursor." }),
  })
  .refine((query) => !(query.cursor && query.after), {
    message: "give cursor or after, not both",
    path: ["after"],
  });

/** Without `limit`, every product (as v1.0 answered); with it, one page. */
export const catalogQuery = z.strictObject(page);

export const emptyQuery = z.strictObject({});

export const incidentIdParam = z.string().min(1).max(64);

/** What an admin posts on an incident's timeline: an update while it is open, an apology once it is resolved. */
export const incidentUpdateBody = z
  .strictObject({
    kind: z.enum(["update", "apology"]),
    message: z.string().trim().min(1).max(2_000),
  })
  .meta({ id: "IncidentUpdateSpec" });

/** The operator console's filter of orders in flight. */
export const adminOrdersQuery = z.strictObject({
  status: z.enum(["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING"]).optional(),
  stuck: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** The consumers whose dead letters an operator can see and replay. */
export const DEAD_LETTER_CONSUMERS = ["order", "inventory", "payment", "notification"] as const;
export const deadLetterConsumerParam = z.enum(DEAD_LETTER_CONSUMERS);

/** Dead letters to replay by `partition:offset` of the dead-letter topic; all of the consumer's when absent. */
export const replayBody = z
  .strictObject({
    positions: z
      .array(z.string().regex(/^\d+:\d+$/, "partition:offset"))
      .min(1)
      .max(1_000)
      .optional(),
  })
  .meta({ id: "ReplaySpec" });
