import { z } from "zod";

/**
 * Why an order was cancelled after it was placed. Shared with inventory's release messages,
 * because stock is only released when an order is cancelled.
 */
export const OrderCancellationReason = z
  .enum(["payment-declined", "payment-deadline-passed", "cancelled-by-customer"])
  .describe("Why the order was cancelled.");

export type OrderCancellationReason = z.output<typeof OrderCancellationReason>;
