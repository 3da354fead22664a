import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OrderCommand } from "./order.commands";
import { decide, evolve, orderDecider } from "./order.decider";
import type { OrderEvent } from "./order.events";
import { initialOrderState, type OrderState } from "./order.state";

const at = "2026-11-11T00:00:00.000Z";
const placeCommand: Extract<OrderCommand, { type: "PlaceOrder" }> = {
  type: "PlaceOrder",
  orderId: "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a01",
  customerId: "c-1",
  items: [{ sku: "sku-1", name: "Lamp", quantity: 2, unitPriceCents: 1500 }],
  totalCents: 3000,
  currency: "EUR",
  paymentToken: "tok_ok",
  paymentId: "7d2e9f8b-4e54-4b66-8d72-4d303f2f1b02",
  deadline: "2026-11-11T00:03:00.000Z",
  holdUntil: "2026-11-11T00:04:00.000Z",
  correlationId: "corr-1",
  at,
};

function given(...commands: OrderCommand[]): OrderState {
  return commands.reduce((state, command) => decide(command, state).reduce(evolve, state), initialOrderState);
}
const types = (events: OrderEvent[]) => events.map((event) => event.type);
const place = placeCommand;
const pending: OrderCommand[] = [place, { type: "RecordStockReserved", at }];
const capture: OrderCommand = { type: "RecordPaymentCaptured", chargeId: "ch", amountCents: 3000, at };
const committed: OrderCommand = { type: "RecordStockCommitted", at };
const commitRefused: OrderCommand = { type: "RecordStockCommitRefused", at };

describe("order saga", () => {
  it("places an order, then requests payment once stock is reserved", () => {
    const placed = given(place);
    expect(placed.status).toBe("PLACED");
    expect(types(decide({ type: "RecordStockReserved", at }, placed))).toEqual([
      "StockReserved",
      "PaymentRequested",
    ]);
  });

  it("confirms once inventory has sold the items the capture paid for", () => {
    const captured = given(...pending, capture);
    expect(captured.status).toBe("PAYMENT_PENDING");
    expect(captured.status !== "none" && captured.payment).toMatchObject({
      status: "captured",
      chargeId: "ch",
    });
    expect(types(decide(capture, captured))).toEqual([]);
    const confirmed = given(...pending, capture, committed);
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
    const captured = given(...pending, capture);
    expect(decide(commitRefused, captured)).toEqual([
      { type: "OrderCancelled", reason: "stock-hold-expired", at },
      { type: "LateCaptureRefundRequested", paymentId: place.paymentId, amountCents: 3000, at },
    ]);
    const cancelled = given(...pending, capture, commitRefused);
    expect(cancelled.status !== "none" && cancelled.cancelReason).toBe("stock-hold-expired");
    expect(decide(committed, cancelled)).toEqual([]);
    expect(decide(capture, cancelled)).toEqual([]);
  });

  it("once paid, waits for inventory: the deadline and the customer no longer cancel it", () => {
    const captured = given(...pending, capture);
    expect(decide({ type: "PassDeadline", at }, captured)).toEqual([]);
    expect(decide({ type: "RecordPaymentAbandoned", at }, captured)).toEqual([]);
    expect(() => decide({ type: "CancelByCustomer", at }, captured)).toThrow(/being confirmed/);
  });

  it("confirms a stream written before captures were recorded apart", () => {
    const old = [...pending].reduce(
      (state, command) => decide(command, state).reduce(evolve, state),
      initialOrderState,
    );
    const confirmed = evolve(old, { type: "OrderConfirmed", chargeId: "ch", at });
    expect(confirmed.status !== "none" && confirmed.payment).toMatchObject({
      status: "captured",
      attempts: 1,
      chargeId: "ch",
    });
  });

  it("rejects when stock is short", () => {
    const rejected = given(place, {
      type: "RecordStockRejected",
      unavailable: [{ sku: "sku-1", requested: 2, available: 0 }],
      at,
    });
    expect(rejected.status).toBe("REJECTED");
  });

  it("cancels on decline, abandonment or a passed deadline, with the reason", () => {
    const pending = [place, { type: "RecordStockReserved", at }] as OrderCommand[];
    const declined = given(...pending, { type: "RecordPaymentDeclined", reason: "card-declined", at });
    const late = given(...pending, { type: "PassDeadline", at });
    expect(declined.status !== "none" && declined.cancelReason).toBe("payment-declined");
    expect(late.status !== "none" && late.cancelReason).toBe("payment-deadline-passed");
  });

  it("refunds a capture that arrives after cancellation, once", () => {
    const cancelled = given(place, { type: "RecordStockReserved", at }, { type: "PassDeadline", at });
    const capture: OrderCommand = { type: "RecordPaymentCaptured", chargeId: "ch", amountCents: 3000, at };
    expect(types(decide(capture, cancelled))).toEqual(["LateCaptureRefundRequested"]);
    expect(
      decide(
        capture,
        given(place, { type: "RecordStockReserved", at }, { type: "PassDeadline", at }, capture),
      ),
    ).toEqual([]);
  });

  it("refuses a customer's cancel once the order is final", () => {
    const confirmed = given(...pending, capture, committed);
    expect(() => decide({ type: "CancelByCustomer", at }, confirmed)).toThrow(/can no longer be cancelled/);
  });

  it("ignores a redelivered input", () => {
    const pending = given(place, { type: "RecordStockReserved", at });
    expect(decide({ type: "RecordStockReserved", at }, pending)).toEqual([]);
    expect(decide(place, pending)).toEqual([]);
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
