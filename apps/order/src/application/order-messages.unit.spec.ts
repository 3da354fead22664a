import {
  AbandonPaymentV1,
  CommitStockV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderRefundedV1,
  RefundPaymentV1,
  ReleaseStockV1,
} from "@peakshop/contracts";
import { describe, expect, it } from "vitest";
import type { OrderCommand } from "../domain/order.commands";
import { decide, evolve } from "../domain/order.decider";
import { initialOrderState, type OrderState } from "../domain/order.state";
import { orderMessages } from "./order-messages";

const at = "2026-11-11T00:00:00.000Z";
const paymentId = "7d2e9f8b-4e54-4b66-8d72-4d303f2f1b02";
const orderId = "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a01";
const place: OrderCommand = {
  type: "PlaceOrder",
  orderId,
  customerId: "c-1",
  items: [{ sku: "sku-1", name: "Lamp", quantity: 2, unitPriceCents: 1500 }],
  totalCents: 3000,
  currency: "EUR",
  paymentToken: "tok_ok",
  paymentId,
  deadline: "2026-11-11T00:03:00.000Z",
  holdUntil: "2026-11-11T00:04:00.000Z",
  correlationId: "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a02",
  at,
};
const reserved: OrderCommand = { type: "RecordStockReserved", at };

const given = (...commands: OrderCommand[]): OrderState =>
  commands.reduce((state, command) => decide(command, state).reduce(evolve, state), initialOrderState);

/** What the order publishes when `command` reaches an order built from `history`. */
function published(history: OrderCommand[], command: OrderCommand) {
  const before = given(...history);
  const events = decide(command, before);
  const result = { events, state: events.reduce(evolve, before), version: 10, firstVersion: 10 };
  return orderMessages(result, `order-${orderId}`, "cause-1").map((record) => ({
    type: record.headers?.["ce_type"],
    data: JSON.parse(String(record.value)) as Record<string, unknown>,
  }));
}

describe("order messages on cancellation", () => {
  it("given a payment being tried, when the customer cancels, then payment is told to stop", () => {
    const messages = published([place, reserved], { type: "CancelByCustomer", at });
    expect(messages.map((message) => message.type)).toEqual([
      ReleaseStockV1.type,
      AbandonPaymentV1.type,
      OrderCancelledV1.type,
    ]);
    expect(messages[1]?.data).toEqual({ paymentId, orderId, reason: "cancelled-by-customer" });
  });

  it("given a payment being tried, when the deadline passes, then payment is told to stop", () => {
    const messages = published([place, reserved], { type: "PassDeadline", at });
    expect(messages.find((message) => message.type === AbandonPaymentV1.type)?.data).toEqual({
      paymentId,
      orderId,
      reason: "payment-deadline-passed",
    });
  });

  it("given no payment requested yet, when the customer cancels, then there is no payment to stop", () => {
    const messages = published([place], { type: "CancelByCustomer", at });
    expect(messages.map((message) => message.type)).not.toContain(AbandonPaymentV1.type);
  });

  it("given the bank declined, when the order is cancelled for it, then payment has already ended", () => {
    const messages = published([place, reserved], {
      type: "RecordPaymentDeclined",
      reason: "card declined",
      at,
    });
    expect(messages.map((message) => message.type)).toEqual([ReleaseStockV1.type, OrderCancelledV1.type]);
  });
});

describe("order messages once the payment is captured", () => {
  const captured: OrderCommand = { type: "RecordPaymentCaptured", chargeId: "ch-1", amountCents: 3000, at };

  it("given a capture, then inventory is asked to sell the items, and nobody is told confirmed yet", () => {
    expect(published([place, reserved], captured)).toEqual([{ type: CommitStockV1.type, data: { orderId } }]);
  });

  it("given inventory sold the items, then the order is confirmed", () => {
    const messages = published([place, reserved, captured], { type: "RecordStockCommitted", at });
    expect(messages.map((message) => message.type)).toEqual([OrderConfirmedV1.type]);
  });

  it("given inventory could not sell them, then the order is cancelled and the payment refunded, with nothing to release or stop", () => {
    const messages = published([place, reserved, captured], { type: "RecordStockCommitRefused", at });
    expect(messages).toEqual([
      {
        type: OrderCancelledV1.type,
        data: { orderId, customerId: "c-1", reason: "stock-hold-expired", cancelledAt: at },
      },
      {
        type: RefundPaymentV1.type,
        data: { paymentId, orderId, amountCents: 3000, currency: "EUR", reason: "stock-hold-expired" },
      },
    ]);
  });
});

describe("order messages on a refund", () => {
  it("given a late capture refunded after the cancellation, then the customer's order is told refunded", () => {
    const cancelled: OrderCommand[] = [
      place,
      reserved,
      { type: "CancelByCustomer", at },
      { type: "RecordPaymentCaptured", chargeId: "ch-1", amountCents: 3000, at },
    ];
    const refundedAt = "2026-11-11T00:01:00.000Z";
    const messages = published(cancelled, {
      type: "RecordPaymentRefunded",
      refundId: "rf-1",
      amountCents: 3000,
      at: refundedAt,
    });
    expect(messages).toEqual([
      {
        type: OrderRefundedV1.type,
        data: { orderId, customerId: "c-1", amountCents: 3000, currency: "EUR", refundedAt },
      },
    ]);
  });
});
