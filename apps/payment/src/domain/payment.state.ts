import type { DeclineCode } from "./payment.events";

export interface PaymentDetails {
  paymentId: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  paymentToken: string;
  deadline: string;
  correlationId: string;
  /** Charge attempts that ended without an answer we could act on. */
  failedAttempts: number;
  lastError?: string;
}

/** A payment's state; a discriminated union so every status carries what it needs. */
export type PaymentState =
  | { status: "none" }
  | ({ status: "pending" } & PaymentDetails)
  | ({ status: "captured"; chargeId: string; refund: RefundState } & PaymentDetails)
  | ({ status: "declined"; reasonCode: DeclineCode } & PaymentDetails)
  /** `abandonedAt`: every attempt was sent before it, so a charge in doubt is settled from there (in-doubt.ts). */
  | ({ status: "abandoned"; abandonedAt: string } & PaymentDetails);

export type RefundState =
  | { status: "none" }
  | { status: "requested"; amountCents: number }
  | { status: "refunded"; refundId: string };

export const initialPaymentState: PaymentState = { status: "none" };
