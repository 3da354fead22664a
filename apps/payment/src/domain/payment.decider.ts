import type { Decider } from "@peakshop/eventsourcing";
import type { PaymentCommand } from "./payment.commands";
import type { PaymentEvent } from "./payment.events";
import { initialPaymentState, type PaymentDetails, type PaymentState } from "./payment.state";

/**
 * The Payment aggregate. A payment is charged at the bank with its id as the
 * idempotency key, so however often an attempt is repeated there is at most
 * one charge (I2). Transient failures schedule another attempt until the
 * order's deadline; then the payment is abandoned. A capture learned after
 * abandonment (an ambiguous attempt that did reach the bank) is still recorded,
 * so the order saga refunds it.
 */
export function decide(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  switch (command.type) {
    case "RequestPayment": {
      if (state.status !== "none") return []; // a redelivered request
      const { type: _type, ...request } = command;
      return [{ type: "PaymentRequested", ...request }];
    }
    case "RecordCapture":
      if (state.status !== "pending" && state.status !== "abandoned") return [];
      return [
        {
          type: "PaymentCaptured",
          chargeId: command.chargeId,
          attempts: state.failedAttempts + 1,
          at: command.at,
        },
      ];
    case "RecordDecline":
      if (state.status !== "pending") return [];
      return [
        { type: "PaymentDeclined", reasonCode: command.reasonCode, reason: command.reason, at: command.at },
      ];
    case "RecordTransientFailure": {
      if (state.status !== "pending") return [];
      const failed: PaymentEvent = {
        type: "AttemptFailed",
        attempt: state.failedAttempts + 1,
        error: command.error,
        nextAttemptAt: command.nextAttemptAt,
        at: command.at,
      };
      // Retries never go past the order's deadline.
      return Date.parse(command.nextAttemptAt) < Date.parse(state.deadline)
        ? [failed]
        : [failed, { type: "PaymentAbandoned", reason: "deadline-passed", at: command.at }];
    }
    case "Abandon":
      if (state.status !== "pending") return [];
      return [{ type: "PaymentAbandoned", reason: command.reason, at: command.at }];
    case "RequestRefund":
      if (state.status !== "captured" || state.refund.status !== "none") return [];
      return [
        {
          type: "RefundRequested",
          amountCents: Math.min(command.amountCents, state.amountCents),
          at: command.at,
        },
      ];
    case "RecordRefund":
      if (state.status !== "captured" || state.refund.status !== "requested") return [];
      return [
        {
          type: "PaymentRefunded",
          refundId: command.refundId,
          amountCents: state.refund.amountCents,
          at: command.at,
        },
      ];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export function evolve(state: PaymentState, event: PaymentEvent): PaymentState {
  if (event.type === "PaymentRequested") {
    const { type: _type, at: _at, ...details } = event;
    return { status: "pending", ...details, failedAttempts: 0 };
  }
  if (state.status === "none") return state;
  const details: PaymentDetails = state;
  switch (event.type) {
    case "AttemptFailed":
      return { ...state, failedAttempts: event.attempt, lastError: event.error } as PaymentState;
    case "PaymentCaptured":
      return { ...details, status: "captured", chargeId: event.chargeId, refund: { status: "none" } };
    case "PaymentDeclined":
      return { ...details, status: "declined", reasonCode: event.reasonCode };
    case "PaymentAbandoned":
      return { ...details, status: "abandoned", abandonedAt: event.at };
    case "RefundRequested":
      return state.status === "captured"
        ? { ...state, refund: { status: "requested", amountCents: event.amountCents } }
        : state;
    case "PaymentRefunded":
      return state.status === "captured"
        ? { ...state, refund: { status: "refunded", refundId: event.refundId } }
        : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  decide,
  evolve,
  initialState: initialPaymentState,
};
