import { CheckoutRequestedV1, recordOf, type Causation, type KafkaRecord } from "@peakshop/contracts";
import type { OutboxMessage } from "@peakshop/eventsourcing";
import type { CheckedOut } from "../domain/cart.events";
import type { CartResult } from "./cart-commands";

export type { Causation };

function checkoutRequested(
  customerId: string,
  event: CheckedOut,
  streamId: string,
  streamVersion: number,
  causation: Causation,
): KafkaRecord {
  return recordOf(
    CheckoutRequestedV1,
    {
      orderId: event.orderId,
      customerId,
      items: event.lines.map(({ sku, name, quantity, unitPriceCents }) => ({
        sku,
        name,
        quantity,
        unitPriceCents,
      })),
      totalCents: event.totalCents,
      currency: event.currency,
      paymentToken: event.paymentToken,
      idempotencyKey: event.idempotencyKey,
      requestedAt: event.requestedAt,
    },
    { source: "peakshop/cart", streamId, streamVersion, ...causation, time: event.requestedAt },
  );
}

/**
 * The outbox messages for a cart's new events: one CheckoutRequested per CheckedOut, stored
 * in the same statement as the event, so a 202 always means the order will be published.
 */
export function cartOutbox(customerId: string, causation: Causation) {
  return ({ events, firstVersion }: CartResult, streamId: string): OutboxMessage[] =>
    events.flatMap((event, index) =>
      event.type === "CheckedOut"
        ? [checkoutRequested(customerId, event, streamId, firstVersion + index, causation)]
        : [],
    );
}
