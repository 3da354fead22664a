import "zod-openapi";
import { z } from "zod";

// The public shapes of shared/API.md. Parsing an upstream answer with these
// (zod strips unknown keys) maps it to the contract: internal fields such as
// the cart's customerId never leak, and an upstream that breaks its own
// contract is caught here (502) instead of reaching clients.

const Money = {
  totalCents: z.number().int().describe("Sum of the items, in minor units of the currency."),
  currency: z.string().nullable().describe("ISO 4217; null for an empty cart."),
};

export const ProductView = z
  .object({
    sku: z.string(),
    name: z.string(),
    priceCents: z.number().int(),
    currency: z.string(),
    /** What can still be reserved now: stock on sale less live holds and sold items. */
    available: z.number().int(),
  })
  .meta({ id: "Product" });
export const CatalogView = z
  .object({ items: z.array(ProductView), nextCursor: z.string().nullable() })
  .meta({ id: "Catalog" });

/** One product in a cart or an order, at the price the server set. */
const LineItem = z
  .object({
    sku: z.string(),
    name: z.string(),
    quantity: z.number().int(),
    priceCents: z.number().int().describe("Price of one item, in minor units of the currency."),
  })
  .meta({ id: "LineItem" });

export const CartView = z
  .object({
    items: z.array(LineItem),
    ...Money,
  })
  .meta({ id: "Cart" });

export const OrderStatus = z
  .enum(["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING", "CONFIRMED", "REJECTED", "CANCELLED"])
  .meta({ id: "OrderStatus" });

const OrderHistoryEntry = z
  .object({ status: OrderStatus, at: z.string(), reason: z.string().optional() })
  .meta({ id: "OrderHistoryEntry" });

export const OrderView = z
  .object({
    orderId: z.string(),
    status: OrderStatus,
    items: z.array(LineItem),
    ...Money,
    currency: z.string(),
    payment: z.object({
      status: z
        .string()
        .describe(
          "not-requested, pending, delayed (retrying), captured, declined, abandoned, refund-requested or refunded.",
        ),
      attempts: z.number().int().describe("Charge attempts made toward the bank."),
      lastError: z.string().optional().describe("Why the last attempt failed, in words."),
    }),
    deadline: z.string().describe("Until when the payment may complete; the items are held until then."),
    history: z.array(OrderHistoryEntry),
  })
  .meta({ id: "Order" });
export const OrderPage = z
  .object({ items: z.array(OrderView), nextCursor: z.string().nullable() })
  .meta({ id: "OrderPage" });

export const CheckoutAccepted = z.object({ orderId: z.string(), status: z.string() });

export const NotificationItem = z
  .object({
    id: z.string(),
    orderId: z.string().optional(),
    kind: z.string(),
    message: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "Notification" });
export const NotificationFeed = z
  .object({ items: z.array(NotificationItem), nextCursor: z.string().nullable() })
  .meta({ id: "NotificationFeed" });

/** A line of an incident's timeline: a change of status, or an update or apology posted by people. */
export const IncidentUpdate = z
  .object({
    at: z.string(),
    kind: z.enum(["status", "update", "apology"]),
    message: z.string(),
  })
  .meta({ id: "IncidentUpdate" });

/** A posted line as the poster gets it back: for an apology, also how many customers it was sent to (v1.2). */
export const PostedIncidentUpdate = IncidentUpdate.extend({
  notifiedCustomers: z
    .number()
    .int()
    .optional()
    .describe(
      "For an apology: the customers whose payment the incident held up and who were sent it now (an earlier apology's are not sent another).",
    ),
}).meta({ id: "PostedIncidentUpdate" });

export const StatusView = z
  .object({
    payments: z.enum(["operational", "degraded", "outage"]),
    since: z.string(),
    message: z.string(),
    incidents: z.array(
      z.object({
        id: z.string(),
        startedAt: z.string(),
        resolvedAt: z.string().optional(),
        message: z.string(),
        /** The incident's timeline, oldest first (v1.1). */
        updates: z.array(IncidentUpdate).default([]),
      }),
    ),
  })
  .meta({ id: "PaymentStatus" });

/** The public answer to an accepted checkout: where to follow the order. */
export const checkoutAcceptedView = ({ orderId, status }: z.infer<typeof CheckoutAccepted>) => ({
  orderId,
  status,
  statusUrl: `/v1/orders/${encodeURIComponent(orderId)}`,
});

export const CheckoutAcceptedView = z
  .object({ orderId: z.string(), status: OrderStatus, statusUrl: z.string() })
  .meta({ id: "CheckoutAccepted" });

/** One `status` event of an order's stream: the history entry that was added. */
export const OrderStatusEvent = OrderHistoryEntry.extend({ orderId: z.string() }).meta({
  id: "OrderStatusEvent",
});

/** RFC 9457 problem details, as every error is answered. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });
