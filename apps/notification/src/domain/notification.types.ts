/** What a customer is told; the same names as CustomerNotified's `kind`. */
export type NotificationKind =
  | "order-received"
  | "payment-delayed"
  | "order-confirmed"
  | "order-cancelled"
  | "order-rejected"
  | "payment-recovered"
  | "payment-refunded"
  | "incident-apology";

/** Kinds after which an order changes no more: nothing about its payment is news then. */
export const FINAL_KINDS: readonly NotificationKind[] = [
  "order-confirmed",
  "order-cancelled",
  "order-rejected",
];

export type CancellationReason =
  "payment-declined" | "payment-deadline-passed" | "cancelled-by-customer" | "stock-hold-expired";

/**
 * The facts about an order a customer cares about, in the domain's words.
 * Times are RFC 3339 UTC strings; money is integer minor units with a currency.
 */
export type OrderFact =
  | {
      type: "OrderPlaced";
      orderId: string;
      customerId: string;
      totalCents: number;
      currency: string;
      at: string;
    }
  | {
      type: "PaymentRetryScheduled";
      orderId: string;
      customerId: string;
      attempt: number;
      deadline: string;
      at: string;
    }
  | { type: "OrderConfirmed"; orderId: string; customerId: string; at: string }
  | { type: "OrderCancelled"; orderId: string; customerId: string; reason: CancellationReason; at: string }
  | { type: "OrderRejected"; orderId: string; customerId: string; skus: string[]; at: string }
  | {
      type: "OrderRefunded";
      orderId: string;
      customerId: string;
      amountCents: number;
      currency: string;
      at: string;
    };

/**
 * A notification decided but not yet stored. `dedupeKey` names what it is about
 * (one order's kind, or one incident's apology to one customer); the store holds
 * each key once, so a redelivered or republished fact cannot tell anyone twice.
 */
export interface NotificationDraft {
  dedupeKey: string;
  customerId: string;
  orderId?: string;
  kind: NotificationKind;
  /** The text of the feed entry, the e-mail body and the webhook's `message`. */
  message: string;
  /** The e-mail subject. */
  subject: string;
}

/** An order whose payment was delayed and is not final yet, when an incident ends. */
export interface DelayedOrder {
  orderId: string;
  customerId: string;
}
