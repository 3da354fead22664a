import {
  PaymentAbandonedV1,
  PaymentCapturedV1,
  PaymentDeclinedV2,
  PaymentRefundedV1,
  PaymentRetryScheduledV1,
  recordOf,
  type Causation,
  type AnyMessageDefinition,
  type MessageDataOf,
} from "@peakshop/contracts";
import type { CommandResult, OutboxMessage } from "@peakshop/eventsourcing";
import type { PaymentEvent } from "../domain/payment.events";
import type { PaymentState } from "../domain/payment.state";

export type { Causation };

/** The integration events a payment's new domain events publish, in order. */
export function paymentMessages(
  result: CommandResult<PaymentEvent, PaymentState>,
  streamId: string,
  causation: Causation,
): OutboxMessage[] {
  const state = result.state;
  if (state.status === "none") return [];
  const abandonedNow = result.events.some((event) => event.type === "PaymentAbandoned");
  const envelope = <D extends AnyMessageDefinition>(
    definition: D,
    data: MessageDataOf<D>,
    index: number,
    time: string,
  ) =>
    recordOf(definition, data, {
      source: "peakshop/payment",
      streamId,
      streamVersion: result.firstVersion + index,
      ...causation,
      time,
    });
  const base = { paymentId: state.paymentId, orderId: state.orderId };
  return result.events.flatMap((event, index): OutboxMessage[] => {
    switch (event.type) {
      case "PaymentCaptured":
        return [
          envelope(
            PaymentCapturedV1,
            {
              ...base,
              chargeId: event.chargeId,
              amountCents: state.amountCents,
              currency: state.currency,
              attempts: event.attempts,
              capturedAt: event.at,
            },
            index,
            event.at,
          ),
        ];
      case "PaymentDeclined":
        return [
          envelope(
            PaymentDeclinedV2,
            { ...base, reasonCode: event.reasonCode, reason: event.reason, declinedAt: event.at },
            index,
            event.at,
          ),
        ];
      case "AttemptFailed":
        // A failure that ends in abandonment is told as the abandonment, not as a retry.
        if (abandonedNow) return [];
        return [
          envelope(
            PaymentRetryScheduledV1,
            {
              ...base,
              customerId: state.customerId,
              attempt: event.attempt,
              nextAttemptAt: event.nextAttemptAt,
              lastError: event.error.slice(0, 500),
              deadline: state.deadline,
            },
            index,
            event.at,
          ),
        ];
      case "PaymentAbandoned":
        return [
          envelope(
            PaymentAbandonedV1,
            { ...base, reason: event.reason, abandonedAt: event.at },
            index,
            event.at,
          ),
        ];
      case "PaymentRefunded":
        return [
          envelope(
            PaymentRefundedV1,
            {
              ...base,
              refundId: event.refundId,
              amountCents: event.amountCents,
              currency: state.currency,
              refundedAt: event.at,
            },
            index,
            event.at,
          ),
        ];
      case "PaymentRequested":
      case "RefundRequested":
        return [];
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  });
}
