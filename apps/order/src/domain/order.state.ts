import type { CancellationReason, OrderLine, OrderStatus, PaymentStatus } from "./order.types";

export interface HistoryEntry {
  status: OrderStatus;
  at: string;
  reason?: string;
}

export interface OrderDetails {
  orderId: string;
  customerId: string;
  items: OrderLine[];
  totalCents: number;
  currency: string;
  paymentToken: string;
  paymentId: string;
  deadline: string;
  holdUntil: string;
  correlationId: string;
  payment: {
    status: PaymentStatus;
    attempts: number;
    lastError?: string;
    chargeId?: string;
    /** What the bank took, once captured: what a refund gives back. */
    capturedCents?: number;
  };
  cancelReason?: CancellationReason;
  history: HistoryEntry[];
}

export type OrderState = { status: "none" } | ({ status: OrderStatus } & OrderDetails);

export const initialOrderState: OrderState = { status: "none" };
