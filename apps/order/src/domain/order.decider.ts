import type { Decider } from "@peakshop/eventsourcing";
import type { OrderCommand } from "./order.commands";
import { OrderError } from "./order.errors";
import type { OrderEvent } from "./order.events";
import { initialOrderState, type OrderState } from "./order.state";
import type { OrderStatus } from "./order.types";

const OPEN: readonly OrderStatus[] = ["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING"];

/**
 * The Order aggregate, which is also the checkout saga's state: each outcome
 * from inventory, payment, the clock or the customer moves it on, and its new
 * events say which commands to send (see order-messages.ts). Redelivered or
 * late inputs decide nothing, except a capture after cancellation, which is
 * refunded (I2).
 *
 * A capture does not confirm the order by itself: the order is confirmed once
 * inventory has sold it the items (StockCommitted), so a confirmed order
 * always owns its stock (I3). From the capture on, the order waits only for
 * that answer: neither the deadline nor the customer can cancel it, and if
 * inventory refuses (the hold ran out and the items were sold again), the
 * order is cancelled and the payment refunded.
 */
export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  if (command.type === "PlaceOrder") {
    if (state.status !== "none") return [];
    const { type: _type, ...placed } = command;
    return [{ type: "OrderPlaced", ...placed }];
  }
  if (state.status === "none") {
    if (command.type === "CancelByCustomer") throw new OrderError("order-not-found", "no such order");
    return [];
  }
  const open = OPEN.includes(state.status);
  // Paid, and waiting for inventory to sell the items (see above).
  const committing = state.status === "PAYMENT_PENDING" && state.payment.status === "captured";
  const paying = state.status === "PAYMENT_PENDING" && !committing;
  switch (command.type) {
    case "RecordStockReserved":
      return state.status === "PLACED"
        ? [
            { type: "StockReserved", at: command.at },
            { type: "PaymentRequested", paymentId: state.paymentId, at: command.at },
          ]
        : [];
    case "RecordStockRejected":
      return state.status === "PLACED"
        ? [{ type: "OrderRejected", unavailable: command.unavailable, at: command.at }]
        : [];
    case "RecordPaymentDelayed":
      return paying
        ? [
            {
              type: "PaymentDelayed",
              attempt: command.attempt,
              nextAttemptAt: command.nextAttemptAt,
              lastError: command.lastError,
              at: command.at,
            },
          ]
        : [];
    case "RecordPaymentCaptured":
      if (paying)
        return [
          {
            type: "PaymentCaptured",
            chargeId: command.chargeId,
            amountCents: command.amountCents,
            at: command.at,
          },
        ];
      if (
        state.status === "CANCELLED" &&
        state.payment.status !== "refund-requested" &&
        state.payment.status !== "refunded"
      ) {
        return [
          {
            type: "LateCaptureRefundRequested",
            paymentId: state.paymentId,
            amountCents: command.amountCents,
            at: command.at,
          },
        ];
      }
      return [];
    case "RecordPaymentDeclined":
      return paying
        ? [{ type: "OrderCancelled", reason: "payment-declined", detail: command.reason, at: command.at }]
        : [];
    case "RecordPaymentAbandoned":
      return paying ? [{ type: "OrderCancelled", reason: "payment-deadline-passed", at: command.at }] : [];
    case "PassDeadline":
      return open && !committing
        ? [{ type: "OrderCancelled", reason: "payment-deadline-passed", at: command.at }]
        : [];
    case "CancelByCustomer":
      if (!open)
        throw new OrderError(
          "order-not-cancellable",
          `the order is ${state.status.toLowerCase()} and can no longer be cancelled`,
        );
      if (committing)
        throw new OrderError(
          "order-not-cancellable",
          "the payment went through and the order is being confirmed; it can no longer be cancelled",
        );
      return [{ type: "OrderCancelled", reason: "cancelled-by-customer", at: command.at }];
    case "RecordStockCommitted":
      return committing && state.payment.chargeId
        ? [{ type: "OrderConfirmed", chargeId: state.payment.chargeId, at: command.at }]
        : [];
    case "RecordStockCommitRefused":
      return committing
        ? [
            { type: "OrderCancelled", reason: "stock-hold-expired", at: command.at },
            {
              type: "LateCaptureRefundRequested",
              paymentId: state.paymentId,
              amountCents: state.payment.capturedCents ?? state.totalCents,
              at: command.at,
            },
          ]
        : [];
    case "RecordPaymentRefunded":
      return state.payment.status === "refund-requested"
        ? [
            {
              type: "PaymentRefunded",
              refundId: command.refundId,
              amountCents: command.amountCents,
              at: command.at,
            },
          ]
        : [];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === "OrderPlaced") {
    const { type: _type, at, ...details } = event;
    return {
      status: "PLACED",
      ...details,
      payment: { status: "not-requested", attempts: 0 },
      history: [{ status: "PLACED", at }],
    };
  }
  if (state.status === "none") return state;
  const to = (status: OrderStatus, at: string, reason?: string): Exclude<OrderState, { status: "none" }> => ({
    ...state,
    status,
    history: [...state.history, reason ? { status, at, reason } : { status, at }],
  });
  switch (event.type) {
    case "StockReserved":
      return to("STOCK_RESERVED", event.at);
    case "PaymentRequested":
      return { ...to("PAYMENT_PENDING", event.at), payment: { status: "pending", attempts: 0 } };
    case "PaymentDelayed":
      return {
        ...state,
        payment: { status: "delayed", attempts: event.attempt, lastError: event.lastError },
      };
    case "PaymentCaptured":
      return {
        ...state,
        payment: {
          ...state.payment,
          status: "captured",
          attempts: state.payment.attempts + 1,
          chargeId: event.chargeId,
          capturedCents: event.amountCents,
        },
      };
    case "OrderConfirmed":
      // Streams written before PaymentCaptured existed confirm straight from the capture.
      return state.payment.status === "captured"
        ? to("CONFIRMED", event.at)
        : {
            ...to("CONFIRMED", event.at),
            payment: {
              ...state.payment,
              status: "captured",
              attempts: state.payment.attempts + 1,
              chargeId: event.chargeId,
            },
          };
    case "OrderRejected":
      return to("REJECTED", event.at, "sold-out");
    case "OrderCancelled": {
      const inFlight = state.payment.status === "pending" || state.payment.status === "delayed";
      const payment =
        event.reason === "payment-declined"
          ? { ...state.payment, status: "declined" as const }
          : inFlight
            ? { ...state.payment, status: "abandoned" as const }
            : state.payment;
      return { ...to("CANCELLED", event.at, event.reason), cancelReason: event.reason, payment };
    }
    case "LateCaptureRefundRequested":
      return { ...state, payment: { ...state.payment, status: "refund-requested" } };
    case "PaymentRefunded":
      return { ...state, payment: { ...state.payment, status: "refunded" } };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide,
  evolve,
  initialState: initialOrderState,
};
