import type { NewEvent, RecordedEvent } from "@peakshop/eventsourcing";
import type { PaymentEvent } from "../domain/payment.events";

export const paymentStreamId = (paymentId: string) => `payment-${paymentId}`;

/** Domain events are stored as they are; the type is the event's own. */
export const paymentCodec = {
  toStored: (event: PaymentEvent): NewEvent => ({ type: event.type, data: event }),
  fromStored: (event: RecordedEvent): PaymentEvent => event.data as PaymentEvent,
};
