import { texts } from "./notification-texts";
import {
  FINAL_KINDS,
  type DelayedOrder,
  type NotificationDraft,
  type NotificationKind,
  type OrderFact,
} from "./notification.types";

/** One notification per (order, kind): the key the store holds once. */
export const orderDedupeKey = (kind: NotificationKind, orderId: string): string => `${kind}:${orderId}`;

/** One apology per (incident, customer). */
export const recoveryDedupeKey = (incidentId: string, customerId: string): string =>
  `payment-recovered:${incidentId}:${customerId}`;

/** One posted apology per (incident, customer): a second post corrects the timeline, not the customers' inboxes. */
export const apologyDedupeKey = (incidentId: string, customerId: string): string =>
  `incident-apology:${incidentId}:${customerId}`;

/**
 * An apology posted by people after an incident: in their words, to each
 * customer whose payment the incident held up, once per customer.
 */
export function decideApologyNotifications(
  incidentId: string,
  message: string,
  affectedCustomers: readonly string[],
): NotificationDraft[] {
  return [...new Set(affectedCustomers)].sort().map((customerId) => ({
    dedupeKey: apologyDedupeKey(incidentId, customerId),
    customerId,
    kind: "incident-apology" as const,
    ...texts.incidentApology(message),
  }));
}

/**
 * What to tell the customer about one fact, given the kinds already sent for
 * its order. Only the first payment delay of an order is news, and a delay
 * that arrives after the order is final (a lagging topic) is not news at all.
 */
export function decideNotifications(
  fact: OrderFact,
  alreadySent: ReadonlySet<NotificationKind>,
): NotificationDraft[] {
  const draft = (kind: NotificationKind, text: { subject: string; message: string }): NotificationDraft[] =>
    alreadySent.has(kind)
      ? []
      : [
          {
            dedupeKey: orderDedupeKey(kind, fact.orderId),
            customerId: fact.customerId,
            orderId: fact.orderId,
            kind,
            ...text,
          },
        ];
  switch (fact.type) {
    case "OrderPlaced":
      return draft("order-received", texts.orderReceived(fact.orderId, fact.totalCents, fact.currency));
    case "PaymentRetryScheduled":
      if (FINAL_KINDS.some((kind) => alreadySent.has(kind))) return [];
      return draft("payment-delayed", texts.paymentDelayed(fact.orderId, fact.deadline));
    case "OrderConfirmed":
      return draft("order-confirmed", texts.orderConfirmed(fact.orderId));
    case "OrderCancelled":
      return draft("order-cancelled", texts.orderCancelled(fact.orderId, fact.reason));
    case "OrderRejected":
      return draft("order-rejected", texts.orderRejected(fact.orderId, fact.skus));
    case "OrderRefunded":
      return draft("payment-refunded", texts.paymentRefunded(fact.orderId, fact.amountCents, fact.currency));
    default: {
      const _exhaustive: never = fact;
      return _exhaustive;
    }
  }
}

/**
 * When an incident ends: one apology per customer whose payment was delayed
 * and is still open, naming all of their delayed orders, unless that customer
 * was already told for this incident.
 */
export function decideRecoveryNotifications(
  incidentId: string,
  delayed: readonly DelayedOrder[],
  alreadyToldCustomers: ReadonlySet<string> = new Set(),
): NotificationDraft[] {
  const ordersByCustomer = new Map<string, string[]>();
  for (const { customerId, orderId } of delayed) {
    const orders = ordersByCustomer.get(customerId) ?? [];
    if (!orders.includes(orderId)) orders.push(orderId);
    ordersByCustomer.set(customerId, orders);
  }
  return [...ordersByCustomer]
    .filter(([customerId]) => !alreadyToldCustomers.has(customerId))
    .map(([customerId, orderIds]) => {
      const sorted = [...orderIds].sort();
      return {
        dedupeKey: recoveryDedupeKey(incidentId, customerId),
        customerId,
        ...(sorted.length === 1 ? { orderId: sorted[0] } : {}),
        kind: "payment-recovered" as const,
        ...texts.paymentRecovered(sorted),
      };
    });
}
