import { fromKafkaRecord, OrderPlacedV1, ReserveStockV1 } from "@peakshop/contracts";
import { describe, expect, it } from "vitest";
import { checkoutSaga } from "../domain/checkout-saga";
import { orderMessages } from "./order-messages";
import { at, placeOrder } from "../../test/order-fixtures";

const { orderId, correlationId } = placeOrder;
const place = placeOrder;

describe("order messages: the saga's sends in envelopes", () => {
  it("wraps each message in an envelope naming the order's stream, the event's version and the input that caused it", () => {
    const events = checkoutSaga.decide(place, checkoutSaga.initialState);
    const state = events.reduce(checkoutSaga.evolve, checkoutSaga.initialState);
    const records = orderMessages(
      { events, state, version: 7, firstVersion: 7 },
      `order-${orderId}`,
      "cause-1",
    );
    const envelopes = records.map((record) => fromKafkaRecord(record.headers!, record.value));
    expect(envelopes.map((envelope) => envelope.type)).toEqual([OrderPlacedV1.type, ReserveStockV1.type]);
    for (const envelope of envelopes)
      expect(envelope).toMatchObject({
        source: "peakshop/order",
        streamId: `order-${orderId}`,
        streamVersion: 7,
        correlationId,
        causationId: "cause-1",
        time: at,
      });
    expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(2);
    expect(records.every((record) => record.key === orderId)).toBe(true);
  });

  it("sends nothing for an order that does not exist", () => {
    const result = { events: [], state: checkoutSaga.initialState, version: 0, firstVersion: 1 };
    expect(orderMessages(result, `order-${orderId}`, "cause-1")).toEqual([]);
  });
});
