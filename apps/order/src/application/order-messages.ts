import {
  AbandonPaymentV1,
  CommitStockV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  OrderRejectedV1,
  RefundPaymentV1,
  ReleaseStockV1,
  RequestPaymentV1,
  ReserveStockV1,
  recordOf,
  type AnyMessageDefinition,
  type MessageDataOf,
} from "@peakshop/contracts";
import type { CommandResult, OutboxMessage } from "@peakshop/eventsourcing";
import { randomUUID } from "node:crypto";
import type { OrderEvent } from "../domain/order.events";
import type { OrderState } from "../domain/order.state";

/**
 * The saga's reactions: the integration events and commands each new domain
 * event publishes, written in the same statement as the events.
 */
export function orderMessages(
  result: CommandResult<OrderEvent, OrderState>,
  streamId: string,
  causationId: string,
): OutboxMessage[] {
  const order = result.state;
  if (order.status === "none") return [];
  const message = <D extends AnyMessageDefinition>(
    definition: D,
    data: MessageDataOf<D>,
    index: number,
    time: string,
  ) =>
    recordOf(definition, data, {
      id: randomUUID(),
      source: "peakshop/order",
      streamId,
      streamVersion: result.firstVersion + index,
      correlationId: order.correlationId,
      causationId,
      time,
    });
  const who = { orderId: order.orderId, customerId: order.customerId };
  return result.events.flatMap((event, index): OutboxMessage[] => {
    switch (event.type) {
      case "OrderPlaced":
        return [
          message(
            OrderPlacedV1,
            {
              ...who,
              items: event.items,
              totalCents: event.totalCents,
              currency: event.currency,
              paymentDeadline: event.deadline,
              placedAt: event.at,
            },
            index,
            event.at,
          ),
          message(
            ReserveStockV1,
            {
              orderId: event.orderId,
              items: event.items.map(({ sku, quantity }) => ({ sku, quantity })),
              holdUntil: event.holdUntil,
            },
            index,
            event.at,
          ),
        ];
      case "PaymentRequested":
        return [
          message(
            RequestPaymentV1,
            {
              paymentId: event.paymentId,
              ...who,
              amountCents: order.totalCents,
              currency: order.currency,
              paymentToken: order.paymentToken,
              deadline: order.deadline,
            },
            index,
            event.at,
          ),
        ];
      case "PaymentCaptured":
        return [message(CommitStockV1, { orderId: order.orderId }, index, event.at)];
      case "OrderConfirmed":
        return [message(OrderConfirmedV1, { ...who, confirmedAt: event.at }, index, event.at)];
      case "OrderRejected":
        return [
          message(
            OrderRejectedV1,
            { ...who, reason: "sold-out", unavailable: event.unavailable, rejectedAt: event.at },
            index,
            event.at,
          ),
        ];
      case "OrderCancelled":
        // Release even if the reservation is still on its way: inventory handles
        // this order's commands in order, so the release follows the reserve.
        return [
          // Refused by inventory: there is no hold left to release.
          ...(event.reason === "stock-hold-expired"
            ? []
            : [message(ReleaseStockV1, { orderId: order.orderId, reason: event.reason }, index, event.at)]),
          // A payment still being tried must stop, or it captures money for a
          // cancelled order (refunded later, but charged all the same).
          ...(order.payment.status === "abandoned" &&
          (event.reason === "payment-deadline-passed" || event.reason === "cancelled-by-customer")
            ? [
                message(
                  AbandonPaymentV1,
                  { paymentId: order.paymentId, orderId: order.orderId, reason: event.reason },
                  index,
                  event.at,
                ),
              ]
            : []),
          message(
            OrderCancelledV1,
            {
              ...who,
              reason: event.reason,
              ...(event.detail ? { detail: event.detail.slice(0, 500) } : {}),
              cancelledAt: event.at,
            },
            index,
            event.at,
          ),
        ];
      case "LateCaptureRefundRequested":
        return [
          message(
            RefundPaymentV1,
            {
              paymentId: event.paymentId,
              orderId: order.orderId,
              amountCents: event.amountCents,
              currency: order.currency,
              reason:
                order.cancelReason === "stock-hold-expired"
                  ? "stock-hold-expired"
                  : "captured-after-cancellation",
            },
            index,
            event.at,
          ),
        ];
      case "PaymentRefunded":
        // The customer was charged for an order that will not ship: they hear the money is back.
        return [
          message(
            OrderRefundedV1,
            { ...who, amountCents: event.amountCents, currency: order.currency, refundedAt: event.at },
            index,
            event.at,
          ),
        ];
      case "StockReserved":
      case "PaymentDelayed":
        return [];
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  });
}
