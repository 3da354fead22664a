import fc from "fast-check";
import { deciderSpec } from "@peakshop/testing/decider-spec";
import { describe, expect, it } from "vitest";
import type { OrderCommand } from "./order.commands";
import { decide, evolve, orderDecider } from "./order.decider";
import type { OrderEvent } from "./order.events";
import { initialOrderState } from "./order.state";
import { at, placeOrder } from "../../test/order-fixtures";

const { givenDecided: given } = deciderSpec(orderDecider);
const types = (events: OrderEvent[]) => events.map((event) => event.type);
const place = placeOrder;
const pending: OrderCommand[] = [place, { type: "RecordStockReserved", at }];
const capture: OrderCommand = { type: "RecordPaymentCaptured", chargeId: "ch", amountCents: 3000, at };
const committed: OrderCommand = { type: "RecordStockCommitted", at };
const commitRefused: OrderCommand = { type: "RecordStockCommitRefused", at };

describe("order saga", () => {
  it("places an order, then requests payment once stock is reserved", () => {
    expect(given(place).state.status).toBe("PLACED");
    expect(types(given(place).when({ type: "RecordStockReserved", at }).events())).toEqual([
      "StockReserved",
      "PaymentRequested",
    ]);
  });

  it("confirms once inventory has sold the items the capture paid for", () => {
    const { state: captured } = given(...pending, capture);
    expect(captured.status).toBe("PAYMENT_PENDING");
    expect(captured.status !== "none" && captured.payment).toMatchObject({
      status: "captured",
      chargeId: "ch",
    });
    given(...pending, capture)
      .when(capture)
      .thenNothingHappens();
    const { state: confirmed } = given(...pending, capture, committed);
    expect(confirmed.status).toBe("CONFIRMED");
    expect(confirmed.status !== "none" && confirmed.history.map((entry) => entry.status)).toEqual([
      "PLACED",
      "STOCK_RESERVED",
      "PAYMENT_PENDING",
      "CONFIRMED",
    ]);
    expect(confirmed.status !== "none" && confirmed.payment).toMatchObject({
      status: "captured",
      attempts: 1,
    });
  });

  it("refunds, never confirms, a paid order whose items inventory could no longer sell it", () => {
    given(...pending, capture)
      .when(commitRefused)
      .then([
        { type: "OrderCancelled", reason: "stock-hold-expired", at },
        { type: "LateCaptureRefundRequested", paymentId: place.paymentId, amountCents: 3000, at },
      ]);
    const cancelled = given(...pending, capture, commitRefused);
    expect(cancelled.state.status !== "none" && cancelled.state.cancelReason).toBe("stock-hold-expired");
    cancelled.when(committed).thenNothingHappens();
    cancelled.when(capture).thenNothingHappens();
  });

  it("once paid, waits for inventory: the deadline and the customer no longer cancel it", () => {
    const captured = given(...pending, capture);
    captured.when({ type: "PassDeadline", at }).thenNothingHappens();
    captured.when({ type: "RecordPaymentAbandoned", at }).thenNothingHappens();
    captured.when({ type: "CancelByCustomer", at }).thenFailsWith("order-not-cancellable");
  });

  it("confirms a stream written before captures were recorded apart", () => {
    const confirmed = evolve(given(...pending).state, { type: "OrderConfirmed", chargeId: "ch", at });
    expect(confirmed.status !== "none" && confirmed.payment).toMatchObject({
      status: "captured",
      attempts: 1,
      chargeId: "ch",
    });
  });

  it("rejects when stock is short", () => {
    const short = {
      type: "RecordStockRejected",
      unavailable: [{ sku: "sku-1", requested: 2, available: 0 }],
      at,
    };
    expect(given(place, short as OrderCommand).state.status).toBe("REJECTED");
  });

  it("cancels on decline, abandonment or a passed deadline, with the reason", () => {
    const declined = given(...pending, { type: "RecordPaymentDeclined", reason: "card-declined", at }).state;
    const late = given(...pending, { type: "PassDeadline", at }).state;
    expect(declined.status !== "none" && declined.cancelReason).toBe("payment-declined");
    expect(late.status !== "none" && late.cancelReason).toBe("payment-deadline-passed");
  });

  it("refunds a capture that arrives after cancellation, once", () => {
    const cancelled: OrderCommand[] = [...pending, { type: "PassDeadline", at }];
    expect(
      types(
        given(...cancelled)
          .when(capture)
          .events(),
      ),
    ).toEqual(["LateCaptureRefundRequested"]);
    given(...cancelled, capture)
      .when(capture)
      .thenNothingHappens();
  });

  it("refuses a customer's cancel once the order is final", () => {
    given(...pending, capture, committed)
      .when({ type: "CancelByCustomer", at })
      .thenFailsWith("order-not-cancellable");
  });

  it("ignores a redelivered input", () => {
    given(...pending)
      .when({ type: "RecordStockReserved", at })
      .thenNothingHappens();
    given(...pending)
      .when(place)
      .thenNothingHappens();
  });
});

// Any interleaving of the saga's inputs, as Kafka redelivers and races them.
const anyInput: fc.Arbitrary<OrderCommand> = fc.oneof(
  fc.constant<OrderCommand>({ type: "RecordStockReserved", at }),
  fc.constant<OrderCommand>({
    type: "RecordStockRejected",
    unavailable: [{ sku: "sku-1", requested: 2, available: 1 }],
    at,
  }),
  fc.constant<OrderCommand>({
    type: "RecordPaymentDelayed",
    attempt: 1,
    nextAttemptAt: at,
    lastError: "503",
    at,
  }),
  fc.constant<OrderCommand>({ type: "RecordPaymentCaptured", chargeId: "ch", amountCents: 3000, at }),
  fc.constant<OrderCommand>({ type: "RecordPaymentDeclined", reason: "declined", at }),
  fc.constant<OrderCommand>({ type: "RecordPaymentAbandoned", at }),
  fc.constant<OrderCommand>({ type: "PassDeadline", at }),
  fc.constant<OrderCommand>({ type: "CancelByCustomer", at }),
  fc.constant<OrderCommand>({ type: "RecordStockCommitted", at }),
  fc.constant<OrderCommand>({ type: "RecordStockCommitRefused", at }),
);

describe("order saga invariants (property-based)", () => {
  it("I2, I3: a final status never changes; an order is confirmed only once paid and sold its items; whatever was paid and not confirmed is refunded exactly once", () => {
    fc.assert(
      fc.property(fc.array(anyInput, { maxLength: 30 }), (inputs) => {
        let state = orderDecider.evolve(initialOrderState, decide(place, initialOrderState)[0]!);
        let refunds = 0;
        let finalStatus: string | undefined;
        let paidButNotSold = false;
        let paidAndSold = false;
        for (const input of inputs) {
          let events: OrderEvent[];
          try {
            events = decide(input, state);
          } catch {
            continue; // a customer's cancel of a final or paid order is refused
          }
          const captured = state.status !== "none" && state.payment.status === "captured";
          if (input.type === "RecordPaymentCaptured" && state.status === "CANCELLED") paidButNotSold = true;
          if (input.type === "RecordStockCommitRefused" && state.status === "PAYMENT_PENDING" && captured)
            paidButNotSold = true;
          if (input.type === "RecordStockCommitted" && state.status === "PAYMENT_PENDING" && captured)
            paidAndSold = true;
          refunds += events.filter((event) => event.type === "LateCaptureRefundRequested").length;
          state = events.reduce(evolve, state);
          if (state.status === "none" || (finalStatus && state.status !== finalStatus)) return false;
          if (["CONFIRMED", "REJECTED", "CANCELLED"].includes(state.status)) finalStatus = state.status;
        }
        if (state.status === "CONFIRMED" && (refunds !== 0 || !paidAndSold)) return false;
        return refunds <= 1 && paidButNotSold === (refunds === 1);
      }),
    );
  });
});
