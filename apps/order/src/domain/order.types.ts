export type OrderStatus =
  "PLACED" | "STOCK_RESERVED" | "PAYMENT_PENDING" | "CONFIRMED" | "REJECTED" | "CANCELLED";

export type CancellationReason =
  | "payment-declined"
  | "payment-deadline-passed"
  | "cancelled-by-customer"
  /** Paid, but the items' hold ran out and they were sold again before inventory could sell them to this order. */
  | "stock-hold-expired";

export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  /** Unit price in integer minor units of the order's currency. */
  unitPriceCents: number;
}

export interface UnavailableLine {
  sku: string;
  requested: number;
  available: number;
}

export type PaymentStatus =
  | "not-requested"
  | "pending"
  | "delayed"
  | "captured"
  | "declined"
  | "abandoned"
  | "refund-requested"
  | "refunded";

export const FINAL_STATUSES: readonly OrderStatus[] = ["CONFIRMED", "REJECTED", "CANCELLED"];
