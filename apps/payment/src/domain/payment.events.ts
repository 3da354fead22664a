/** Facts of one payment's stream (private to payment; integration events are mapped from them). */
export type PaymentEvent =
  | {
      type: "PaymentRequested";
      paymentId: string;
      orderId: string;
      customerId: string;
      amountCents: number;
      currency: string;
      paymentToken: string;
      deadline: string;
      /** Shared by every message of the checkout; carried so later attempts keep it. */
      correlationId: string;
      at: string;
    }
  | { type: "AttemptFailed"; attempt: number; error: string; nextAttemptAt: string; at: string }
  | { type: "PaymentCaptured"; chargeId: string; attempts: number; at: string }
  | { type: "PaymentDeclined"; reasonCode: DeclineCode; reason: string; at: string }
  | { type: "PaymentAbandoned"; reason: "deadline-passed" | "cancelled"; at: string }
  | { type: "RefundRequested"; amountCents: number; at: string }
  | { type: "PaymentRefunded"; refundId: string; amountCents: number; at: string };

export type DeclineCode = "insufficient-funds" | "card-declined" | "fraud-suspected" | "unknown";
