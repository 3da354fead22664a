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
  type AnyMessageDefinition,
  type MessageDataOf,
} from "@peakshop/contracts";
import type { Workflow } from "@peakshop/eventsourcing";
import type { OrderCommand } from "./order.commands";
import { decide, evolve } from "./order.decider";
import type { OrderEvent } from "./order.events";
import { initialOrderState, type OrderState } from "./order.state";

/** A message the saga sends: a command for another service, or an integration event. */
export interface SagaMessage<D extends AnyMessageDefinition = AnyMessageDefinition> {
  definition: D;
  data: MessageDataOf<D>;
  /** When the fact behind it happened (the envelope's time). */
  at: string;
}

const send = <D extends AnyMessageDefinition>(
  definition: D,
  data: MessageDataOf<D>,
  at: string,
): SagaMessage => ({ definition, data, at }) as SagaMessage;

/**
 * The checkout saga as one workflow: its inputs are the checkout, other
 * services' outcomes, the clock and the customer (OrderCommand, translated
 * from their messages by the adapters); `decide` and `evolve` keep the order's
 * stream (the saga's memory); `react` says what each new event sends. Every
 * message follows from an event, so a redelivered input, which decides
 * nothing, sends nothing again.
 */
export const checkoutSaga: Workflow<OrderCommand, OrderEvent, OrderState, SagaMessage> = {
  decide,
  evolve,
  initialState: initialOrderState,
  react,
};

/** What one new event sends, given the order's state once the decision is applied. */
export function react(event: OrderEvent, order: OrderState): SagaMessage[] {
  if (order.status === "none") return [];
  const who = { orderId: order.orderId, customerId: order.customerId };
  const at = event.at;
  switch (event.type) {
    case "OrderPlaced":
      return [
        send(
          OrderPlacedV1,
          {
            ...who,
            items: event.items,
            totalCents: event.totalCents,
            currency: event.currency,
            paymentDeadline: event.deadline,
            placedAt: at,
          },
          at,
        ),
        send(
          ReserveStockV1,
          {
            orderId: event.orderId,
            items: event.items.map(({ sku, quantity }) => ({ sku, quantity })),
            holdUntil: event.holdUntil,
          },
          at,
        ),
      ];
    case "PaymentRequested":
      return [
        send(
          RequestPaymentV1,
          {
            paymentId: event.paymentId,
            ...who,
            amountCents: order.totalCents,
            currency: order.currency,
            paymentToken: order.paymentToken,
            deadline: order.deadline,
          },
          at,
        ),
      ];
    case "PaymentCaptured":
      return [send(CommitStockV1, { orderId: order.orderId }, at)];
    case "OrderConfirmed":
      return [send(OrderConfirmedV1, { ...who, confirmedAt: at }, at)];
    case "OrderRejected":
      return [
        send(
          OrderRejectedV1,
          { ...who, reason: "sold-out", unavailable: event.unavailable, rejectedAt: at },
          at,
        ),
      ];
    case "OrderCancelled":
      return [
        // Release even if the reservation is still on its way: inventory handles
        // this order's commands in order, so the release follows the reserve.
        // Not after a refused commit: there is no hold left to release.
        ...(event.reason === "stock-hold-expired"
          ? []
          : [send(ReleaseStockV1, { orderId: order.orderId, reason: event.reason }, at)]),
        // A payment still being tried must stop, or it captures money for a
        // cancelled order (refunded later, but charged all the same).
        ...(order.payment.status === "abandoned" &&
        (event.reason === "payment-deadline-passed" || event.reason === "cancelled-by-customer")
          ? [
              send(
                AbandonPaymentV1,
                { paymentId: order.paymentId, orderId: order.orderId, reason: event.reason },
                at,
              ),
            ]
          : []),
        send(
          OrderCancelledV1,
          {
            ...who,
            reason: event.reason,
            ...(event.detail ? { detail: event.detail.slice(0, 500) } : {}),
            cancelledAt: at,
          },
          at,
        ),
      ];
    case "LateCaptureRefundRequested":
      return [
        send(
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
          at,
        ),
      ];
    case "PaymentRefunded":
      // The customer was charged for an order that will not ship: they hear the money is back.
      return [
        send(
          OrderRefundedV1,
          { ...who, amountCents: event.amountCents, currency: order.currency, refundedAt: at },
          at,
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
}
