import {
  BankCircuitClosedV1,
  BankCircuitHalfOpenedV1,
  BankCircuitOpenedV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  OrderRejectedV1,
  PaymentRetryScheduledV1,
  type IntegrationEnvelope,
} from "@peakshop/contracts";
import type { OrderFact } from "../domain/notification.types";
import type { CircuitReport } from "../domain/payment-status";

export type CustomerFacing = { type: "order"; fact: OrderFact } | { type: "circuit"; report: CircuitReport };

/**
 * Translates an integration event into the domain's words, or null for the
 * events on our topics that tell a customer nothing (e.g. PaymentCaptured:
 * OrderConfirmed follows it and is what the customer hears about).
 */
export function customerFacingOf(envelope: IntegrationEnvelope): CustomerFacing | null {
  switch (envelope.type) {
    case OrderPlacedV1.type: {
      const { orderId, customerId, totalCents, currency, placedAt } = envelope.data;
      return {
        type: "order",
        fact: { type: "OrderPlaced", orderId, customerId, totalCents, currency, at: placedAt },
      };
    }
    case PaymentRetryScheduledV1.type: {
      const { orderId, customerId, attempt, deadline } = envelope.data;
      return {
        type: "order",
        fact: { type: "PaymentRetryScheduled", orderId, customerId, attempt, deadline, at: envelope.time },
      };
    }
    case OrderConfirmedV1.type: {
      const { orderId, customerId, confirmedAt } = envelope.data;
      return { type: "order", fact: { type: "OrderConfirmed", orderId, customerId, at: confirmedAt } };
    }
    case OrderCancelledV1.type: {
      const { orderId, customerId, reason, cancelledAt } = envelope.data;
      return {
        type: "order",
        fact: { type: "OrderCancelled", orderId, customerId, reason, at: cancelledAt },
      };
    }
    case OrderRejectedV1.type: {
      const { orderId, customerId, unavailable, rejectedAt } = envelope.data;
      const skus = unavailable.map((line) => line.sku);
      return { type: "order", fact: { type: "OrderRejected", orderId, customerId, skus, at: rejectedAt } };
    }
    case OrderRefundedV1.type: {
      const { orderId, customerId, amountCents, currency, refundedAt } = envelope.data;
      return {
        type: "order",
        fact: { type: "OrderRefunded", orderId, customerId, amountCents, currency, at: refundedAt },
      };
    }
    case BankCircuitOpenedV1.type:
      return { type: "circuit", report: { type: "CircuitOpened", at: envelope.data.openedAt } };
    case BankCircuitHalfOpenedV1.type:
      return { type: "circuit", report: { type: "CircuitHalfOpened", at: envelope.data.at } };
    case BankCircuitClosedV1.type:
      return { type: "circuit", report: { type: "CircuitClosed", at: envelope.data.closedAt } };
    default:
      return null;
  }
}
