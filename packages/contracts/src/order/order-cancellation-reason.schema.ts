import { z } from "zod";

/**
 * Why an order was cancelled after it was placed. Shared with inventory's release messages,
 * because stock is only released when an order is cancelled. `stock-hold-expired`: the payment
 * went through, but the items' hold had run out and they were sold again before inventory
 * could sell them to this order, so the payment is refunded.
 */
export const OrderCancellationReason = z
  .enum(["payment-declined", "payment-deadline-passed", "cancelled-by-customer", "stock-hold-expired"])
  .describe("Why the order was cancelled.");

export type OrderCancellationReason = z.output<typeof OrderCancellationReason>;
