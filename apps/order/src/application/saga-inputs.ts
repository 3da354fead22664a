import {
  CheckoutRequestedV1,
  PaymentAbandonedV1,
  PaymentCapturedV1,
  PaymentDeclinedV2,
  PaymentRefundedV1,
  PaymentRetryScheduledV1,
  StockCommitRefusedV1,
  StockCommittedV1,
  StockRejectedV1,
  StockReservedV1,
  type IntegrationEnvelope,
} from "@peakshop/contracts";
import { randomUUID } from "node:crypto";
import type { OrderCommand } from "../domain/order.commands";
import { deadlinesOf, type DeadlineSettings } from "../domain/order-deadlines";

export type { DeadlineSettings };

/**
 * Translates the integration messages the saga listens to into commands for
 * the order they concern; anything else (other types on the same topics) is
 * not the saga's business and yields nothing. Translation only: the saga's
 * policy (deadlines) is the domain's, and the time and the new payment's id
 * are handed in, so the domain reads neither clock nor randomness.
 */
export function sagaInput(
  envelope: IntegrationEnvelope,
  settings: DeadlineSettings,
  now: Date,
): { orderId: string; command: OrderCommand } | undefined {
  const at = now.toISOString();
  switch (envelope.type) {
    case CheckoutRequestedV1.type: {
      const checkout = envelope.data;
      return {
        orderId: checkout.orderId,
        command: {
          type: "PlaceOrder",
          orderId: checkout.orderId,
          customerId: checkout.customerId,
          items: checkout.items,
          totalCents: checkout.totalCents,
          currency: checkout.currency,
          paymentToken: checkout.paymentToken,
          paymentId: randomUUID(),
          ...deadlinesOf(now, settings),
          correlationId: envelope.correlationId,
          at,
        },
      };
    }
    case StockReservedV1.type:
      return { orderId: envelope.data.orderId, command: { type: "RecordStockReserved", at } };
    case StockRejectedV1.type:
      return {
        orderId: envelope.data.orderId,
        command: { type: "RecordStockRejected", unavailable: envelope.data.unavailable, at },
      };
    case StockCommittedV1.type:
      return { orderId: envelope.data.orderId, command: { type: "RecordStockCommitted", at } };
    case StockCommitRefusedV1.type:
      return { orderId: envelope.data.orderId, command: { type: "RecordStockCommitRefused", at } };
    case PaymentRetryScheduledV1.type: {
      const { orderId, attempt, nextAttemptAt, lastError } = envelope.data;
      return { orderId, command: { type: "RecordPaymentDelayed", attempt, nextAttemptAt, lastError, at } };
    }
    case PaymentCapturedV1.type:
      return {
        orderId: envelope.data.orderId,
        command: {
          type: "RecordPaymentCaptured",
          chargeId: envelope.data.chargeId,
          amountCents: envelope.data.amountCents,
          at,
        },
      };
    case PaymentDeclinedV2.type:
      return {
        orderId: envelope.data.orderId,
        command: { type: "RecordPaymentDeclined", reason: envelope.data.reason, at },
      };
    case PaymentAbandonedV1.type:
      return { orderId: envelope.data.orderId, command: { type: "RecordPaymentAbandoned", at } };
    case PaymentRefundedV1.type:
      return {
        orderId: envelope.data.orderId,
        command: {
          type: "RecordPaymentRefunded",
          refundId: envelope.data.refundId,
          amountCents: envelope.data.amountCents,
          at,
        },
      };
    default:
      return undefined;
  }
}
