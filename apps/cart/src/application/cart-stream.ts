import type { NewEvent, RecordedEvent } from "@peakshop/eventsourcing";
import type { CartEvent } from "../domain/cart.events";

/**
 * One stream per customer, holding all their carts one after another: a checkout empties
 * the cart and the stream goes on. So the current cart needs no lookup, and a retried
 * checkout finds its idempotency key even after its cart was emptied. A customer's stream
 * grows by a few events per order, short enough to read whole.
 */
export const cartStreamId = (customerId: string) => `cart-${customerId}`;

const EVENT_TYPES = new Set<string>(["ItemAdded", "QuantityChanged", "ItemRemoved", "CheckedOut"]);

/** Cart events are stored as they are, version 1, under their own type. */
export const cartEventCodec = {
  toStored: (event: CartEvent): NewEvent => ({ type: event.type, schemaVersion: 1, data: event }),
  fromStored: (event: RecordedEvent): CartEvent => {
    if (!EVENT_TYPES.has(event.type)) {
      throw new Error(`stream ${event.streamId} holds an event of unknown type ${event.type}`);
    }
    return { ...(event.data as object), type: event.type } as CartEvent;
  },
};
