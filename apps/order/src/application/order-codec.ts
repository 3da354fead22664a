import type { NewEvent, RecordedEvent } from "@peakshop/eventsourcing";
import type { OrderEvent } from "../domain/order.events";

export const orderStreamId = (orderId: string) => `order-${orderId}`;

export const ORDER_EVENT_TYPES: readonly OrderEvent["type"][] = [
  "OrderPlaced",
  "StockReserved",
  "PaymentRequested",
  "PaymentDelayed",
  "OrderConfirmed",
  "OrderRejected",
  "OrderCancelled",
  "LateCaptureRefundRequested",
  "PaymentRefunded",
];

/** Domain events are stored as they are, typed `order.<EventType>` in the store. */
export const orderCodec = {
  toStored: (event: OrderEvent): NewEvent => ({ type: `order.${event.type}`, data: event }),
  fromStored: (event: RecordedEvent): OrderEvent => event.data as OrderEvent,
};
