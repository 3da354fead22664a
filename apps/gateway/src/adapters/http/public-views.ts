import { z } from "zod";

// The public shapes of shared/API.md. Parsing an upstream answer with these
// (zod strips unknown keys) maps it to the contract: internal fields such as
// the cart's customerId never leak, and an upstream that breaks its own
// contract is caught here (502) instead of reaching clients.

const Money = { totalCents: z.number().int(), currency: z.string().nullable() };

export const ProductView = z.object({
  sku: z.string(),
  name: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
  available: z.number().int(),
});
export const CatalogView = z.object({ items: z.array(ProductView) });

export const CartView = z.object({
  items: z.array(
    z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), priceCents: z.number().int() }),
  ),
  ...Money,
});

const OrderStatus = z.enum([
  "PLACED",
  "STOCK_RESERVED",
  "PAYMENT_PENDING",
  "CONFIRMED",
  "REJECTED",
  "CANCELLED",
]);

export const OrderView = z.object({
  orderId: z.string(),
  status: OrderStatus,
  items: z.array(
    z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), priceCents: z.number().int() }),
  ),
  ...Money,
  currency: z.string(),
  payment: z.object({ status: z.string(), attempts: z.number().int(), lastError: z.string().optional() }),
  deadline: z.string(),
  history: z.array(z.object({ status: OrderStatus, at: z.string(), reason: z.string().optional() })),
});
export const OrderPage = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });

export const CheckoutAccepted = z.object({ orderId: z.string(), status: z.string() });

export const NotificationFeed = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      orderId: z.string().optional(),
      kind: z.string(),
      message: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const StatusView = z.object({
  payments: z.enum(["operational", "degraded", "outage"]),
  since: z.string(),
  message: z.string(),
  incidents: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      resolvedAt: z.string().optional(),
      message: z.string(),
    }),
  ),
});

/** The public answer to an accepted checkout: where to follow the order. */
export const checkoutAcceptedView = ({ orderId, status }: z.infer<typeof CheckoutAccepted>) => ({
  orderId,
  status,
  statusUrl: `/v1/orders/${encodeURIComponent(orderId)}`,
});
