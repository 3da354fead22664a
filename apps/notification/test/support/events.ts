import {
  BankCircuitClosedV1,
  BankCircuitHalfOpenedV1,
  BankCircuitOpenedV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  OrderRejectedV1,
  PaymentRetryScheduledV1,
  toKafkaRecord,
  type AnyMessageDefinition,
  type KafkaRecord,
  type MessageDataOf,
} from "@peakshop/contracts";
import { randomUUID } from "node:crypto";

/** A record as its producer's outbox would publish it. */
export function recordOf<D extends AnyMessageDefinition>(
  definition: D,
  data: MessageDataOf<D>,
  streamId: string,
): KafkaRecord {
  const id = randomUUID();
  return toKafkaRecord(definition, {
    id,
    type: definition.type,
    version: definition.version,
    source: `peakshop/${definition.producer}`,
    streamId,
    streamVersion: 1,
    correlationId: `checkout-${streamId}`,
    causationId: id,
    time: new Date().toISOString(),
    data,
  });
}

const now = () => new Date().toISOString();
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export const events = {
  placed: (orderId: string, customerId: string, totalCents = 2500) =>
    recordOf(
      OrderPlacedV1,
      {
        orderId,
        customerId,
        items: [{ sku: "SKU-MUG", name: "Peak mug", quantity: 2, unitPriceCents: totalCents / 2 }],
        totalCents,
        currency: "EUR",
        paymentDeadline: inMinutes(15),
        placedAt: now(),
      },
      `order-${orderId}`,
    ),
  retry: (orderId: string, customerId: string, attempt: number, deadline = inMinutes(15)) =>
    recordOf(
      PaymentRetryScheduledV1,
      {
        paymentId: randomUUID(),
        orderId,
        customerId,
        attempt,
        nextAttemptAt: now(),
        lastError: "bank timeout after 2000 ms",
        deadline,
      },
      `payment-${orderId}`,
    ),
  confirmed: (orderId: string, customerId: string) =>
    recordOf(OrderConfirmedV1, { orderId, customerId, confirmedAt: now() }, `order-${orderId}`),
  cancelled: (
    orderId: string,
    customerId: string,
    reason: "payment-declined" | "payment-deadline-passed" | "cancelled-by-customer",
  ) => recordOf(OrderCancelledV1, { orderId, customerId, reason, cancelledAt: now() }, `order-${orderId}`),
  rejected: (orderId: string, customerId: string, skus: string[]) =>
    recordOf(
      OrderRejectedV1,
      {
        orderId,
        customerId,
        reason: "sold-out",
        unavailable: skus.map((sku) => ({ sku, requested: 2, available: 1 })),
        rejectedAt: now(),
      },
      `order-${orderId}`,
    ),
  circuitOpened: () =>
    recordOf(
      BankCircuitOpenedV1,
      { gatewayId: "bank", reason: "5 consecutive failures", errorRate: 1, openedAt: now() },
      "bank-gateway",
    ),
  circuitHalfOpened: () =>
    recordOf(BankCircuitHalfOpenedV1, { gatewayId: "bank", at: now() }, "bank-gateway"),
  circuitClosed: () => recordOf(BankCircuitClosedV1, { gatewayId: "bank", closedAt: now() }, "bank-gateway"),
};
