import type { DeclineCode } from "./payment.events";

/** Commands to the Payment aggregate. Time and ids arrive in them; the domain reads no clock. */
export type PaymentCommand =
  | {
      type: "RequestPayment";
      paymentId: string;
      orderId: string;
      customerId: string;
      amountCents: number;
      currency: string;
      paymentToken: string;
      deadline: string;
      correlationId: string;
      at: string;
    }
  | { type: "RecordCapture"; chargeId: string; at: string }
  | { type: "RecordDecline"; reasonCode: DeclineCode; reason: string; at: string }
  /** A transient failure; `nextAttemptAt` is the backoff the caller drew (retry-policy.ts). */
  | { type: "RecordTransientFailure"; error: string; nextAttemptAt: string; at: string }
  | { type: "Abandon"; reason: "deadline-passed" | "cancelled"; at: string }
  | { type: "RequestRefund"; amountCents: number; at: string }
  | { type: "RecordRefund"; refundId: string; at: string };
