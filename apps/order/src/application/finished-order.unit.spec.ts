import { describe, expect, it } from "vitest";
import { decide, evolve } from "../domain/order.decider";
import type { OrderCommand } from "../domain/order.commands";
import { initialOrderState, type OrderState } from "../domain/order.state";
import { finishedOrderOf } from "./finished-order";

const placedAt = "2026-11-11T00:00:00.000Z";
const later = (seconds: number) => new Date(Date.parse(placedAt) + seconds * 1000).toISOString();
const place: OrderCommand = {
  type: "PlaceOrder",
  orderId: "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a01",
  customerId: "c-1",
  items: [{ sku: "sku-1", name: "Lamp", quantity: 1, unitPriceCents: 1500 }],
  totalCents: 1500,
  currency: "EUR",
  paymentToken: "tok_ok",
  paymentId: "7d2e9f8b-4e54-4b66-8d72-4d303f2f1b02",
  deadline: later(180),
  holdUntil: later(240),
  correlationId: "corr-1",
  at: placedAt,
};
const reserved: OrderCommand = { type: "RecordStockReserved", at: later(1) };

/** The finish decided by the last command, as the command handler would report it. */
function finishOf(...commands: OrderCommand[]) {
  let state: OrderState = initialOrderState;
  let finish;
  for (const command of commands) {
    const events = decide(command, state);
    state = events.reduce(evolve, state);
    finish = finishedOrderOf(events, state);
  }
  return finish;
}

describe("finishedOrderOf", () => {
  it("reports a confirmation, once inventory sold the items, with the time since placement", () => {
    const capture: OrderCommand = {
      type: "RecordPaymentCaptured",
      chargeId: "ch",
      amountCents: 1500,
      at: later(2),
    };
    expect(finishOf(place, reserved, capture)).toBeUndefined();
    expect(finishOf(place, reserved, capture, { type: "RecordStockCommitted", at: later(2.5) })).toEqual({
      status: "CONFIRMED",
      reason: "none",
      secondsToFinal: 2.5,
    });
  });

  it("names why an order was rejected or cancelled", () => {
    expect(finishOf(place, { type: "RecordStockRejected", unavailable: [], at: later(1) })).toMatchObject({
      status: "REJECTED",
      reason: "out-of-stock",
    });
    expect(
      finishOf(place, reserved, { type: "RecordPaymentDeclined", reason: "no", at: later(3) }),
    ).toMatchObject({
      status: "CANCELLED",
      reason: "payment-declined",
    });
    expect(finishOf(place, reserved, { type: "PassDeadline", at: later(180) })).toEqual({
      status: "CANCELLED",
      reason: "payment-deadline-passed",
      secondsToFinal: 180,
    });
    expect(finishOf(place, { type: "CancelByCustomer", at: later(4) })).toMatchObject({
      status: "CANCELLED",
      reason: "cancelled-by-customer",
    });
  });

  it("reports nothing for steps that leave the order open, or for what follows its finish", () => {
    expect(finishOf(place)).toBeUndefined();
    expect(finishOf(place, reserved)).toBeUndefined();
    const capture: OrderCommand = {
      type: "RecordPaymentCaptured",
      chargeId: "ch",
      amountCents: 1500,
      at: later(9),
    };
    // A capture after the deadline cancelled the order is refunded, not a second finish.
    expect(finishOf(place, reserved, { type: "PassDeadline", at: later(180) }, capture)).toBeUndefined();
    expect(finishOf(place, reserved, capture, { type: "PassDeadline", at: later(180) })).toBeUndefined();
  });
});
