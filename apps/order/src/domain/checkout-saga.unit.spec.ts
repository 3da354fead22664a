import {
  AbandonPaymentV1,
  CommitStockV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  RefundPaymentV1,
  ReleaseStockV1,
  RequestPaymentV1,
  ReserveStockV1,
} from "@peakshop/contracts";
import { workflowSpec } from "@peakshop/testing/decider-spec";
import { describe, expect, it } from "vitest";
import { checkoutSaga, type SagaMessage } from "./checkout-saga";
import type { OrderCommand } from "./order.commands";
import { at, placeOrder } from "../../test/order-fixtures";

const { paymentId, orderId, customerId } = placeOrder;
const place = placeOrder;
const reserved: OrderCommand = { type: "RecordStockReserved", at };
const captured: OrderCommand = { type: "RecordPaymentCaptured", chargeId: "ch-1", amountCents: 3000, at };

const { given } = workflowSpec(checkoutSaga);
const types = (messages: SagaMessage[]) => messages.map((message) => message.definition.type);

describe("checkout saga: the happy path", () => {
  it("given a checkout, then the order is announced and inventory asked to hold the items", () => {
    const sent = given().when(place).sent();
    expect(types(sent)).toEqual([OrderPlacedV1.type, ReserveStockV1.type]);
    expect(sent[1]?.data).toEqual({
      orderId,
      items: [{ sku: "sku-1", quantity: 2 }],
      holdUntil: "2026-11-11T00:04:00.000Z",
    });
  });

  it("given the items are held, then payment is asked to charge the order's total before its deadline", () => {
    given(place)
      .when(reserved)
      .thenSends([
        {
          definition: RequestPaymentV1,
          data: {
            paymentId,
            orderId,
            customerId,
            amountCents: 3000,
            currency: "EUR",
            paymentToken: "tok_ok",
            deadline: "2026-11-11T00:03:00.000Z",
          },
          at,
        },
      ]);
  });

  it("given a capture, then inventory is asked to sell the items, and nobody is told confirmed yet", () => {
    given(place, reserved)
      .when(captured)
      .thenSends([{ definition: CommitStockV1, data: { orderId }, at }]);
  });

  it("given inventory sold the items, then the order is confirmed", () => {
    expect(types(given(place, reserved, captured).when({ type: "RecordStockCommitted", at }).sent())).toEqual(
      [OrderConfirmedV1.type],
    );
  });

  it("given every step already happened, when any input comes again, then nothing is sent again", () => {
    const done = [place, reserved, captured, { type: "RecordStockCommitted", at } satisfies OrderCommand];
    for (const input of done)
      given(...done)
        .when(input)
        .thenSendsNothing();
  });
});

describe("checkout saga: cancellation", () => {
  it("given a payment being tried, when the customer cancels, then stock is released and payment told to stop", () => {
    const sent = given(place, reserved).when({ type: "CancelByCustomer", at }).sent();
    expect(types(sent)).toEqual([ReleaseStockV1.type, AbandonPaymentV1.type, OrderCancelledV1.type]);
    expect(sent[1]?.data).toEqual({ paymentId, orderId, reason: "cancelled-by-customer" });
  });

  it("given a payment being tried, when the deadline passes, then payment is told to stop", () => {
    const sent = given(place, reserved).when({ type: "PassDeadline", at }).sent();
    expect(sent.find((message) => message.definition === AbandonPaymentV1)?.data).toEqual({
      paymentId,
      orderId,
      reason: "payment-deadline-passed",
    });
  });

  it("given no payment requested yet, when the customer cancels, then there is no payment to stop", () => {
    const sent = given(place).when({ type: "CancelByCustomer", at }).sent();
    expect(types(sent)).toEqual([ReleaseStockV1.type, OrderCancelledV1.type]);
  });

  it("given the bank declined, when the order is cancelled for it, then payment has already ended", () => {
    const sent = given(place, reserved)
      .when({ type: "RecordPaymentDeclined", reason: "card declined", at })
      .sent();
    expect(types(sent)).toEqual([ReleaseStockV1.type, OrderCancelledV1.type]);
  });

  it("given inventory could not sell the items, then the order is cancelled and refunded, with nothing to release", () => {
    given(place, reserved, captured)
      .when({ type: "RecordStockCommitRefused", at })
      .thenSends([
        {
          definition: OrderCancelledV1,
          data: { orderId, customerId, reason: "stock-hold-expired", cancelledAt: at },
          at,
        },
        {
          definition: RefundPaymentV1,
          data: { paymentId, orderId, amountCents: 3000, currency: "EUR", reason: "stock-hold-expired" },
          at,
        },
      ]);
  });
});

describe("checkout saga: money taken too late", () => {
  const cancelled = [place, reserved, { type: "CancelByCustomer", at } satisfies OrderCommand];

  it("given a cancelled order, when a capture arrives anyway, then it is refunded", () => {
    expect(
      given(...cancelled)
        .when(captured)
        .sent(),
    ).toEqual([
      {
        definition: RefundPaymentV1,
        data: {
          paymentId,
          orderId,
          amountCents: 3000,
          currency: "EUR",
          reason: "captured-after-cancellation",
        },
        at,
      },
    ]);
  });

  it("given the refund went through, then the customer's order is told refunded", () => {
    const refundedAt = "2026-11-11T00:01:00.000Z";
    given(...cancelled, captured)
      .when({ type: "RecordPaymentRefunded", refundId: "rf-1", amountCents: 3000, at: refundedAt })
      .thenSends([
        {
          definition: OrderRefundedV1,
          data: { orderId, customerId, amountCents: 3000, currency: "EUR", refundedAt },
          at: refundedAt,
        },
      ]);
  });
});
