import type { NewEvent, RecordedEvent } from "@peakshop/eventsourcing";
import type { OrderEvent } from "../domain/order.events";

export const orderStreamId = (orderId: string) => `order-${orderId}`;

/**
 * Every order event type, checked against the union: a type added to
 * OrderEvent and missing here fails to compile. (PaymentCaptured once was
 * missing, and a rebuilt orders-view lost what each confirmed order captured.)
 */
const EVERY_ORDER_EVENT: Record<OrderEvent["type"], true> = {
  OrderPlaced: true,
  StockReserved: true,
  PaymentRequested: true,
  PaymentDelayed: true,
  PaymentCaptured: true,
  OrderConfirmed: true,
  OrderRejected: true,
  OrderCancelled: true,
  LateCaptureRefundRequested: true,
  PaymentRefunded: true,
};

export const ORDER_EVENT_TYPES = Object.keys(EVERY_ORDER_EVENT) as readonly OrderEvent["type"][];

/** Domain events are stored as they are, typed `order.<EventType>` in the store. */
export const orderCodec = {
  toStored: (event: OrderEvent): NewEvent => ({ type: `order.${event.type}`, data: event }),
  fromStored: (event: RecordedEvent): OrderEvent => event.data as OrderEvent,
};
