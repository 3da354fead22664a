import {
  CommitStockV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderRejectedV1,
  RefundPaymentV1,
  ReleaseStockV1,
  RequestPaymentV1,
  ReserveStockV1,
  type AnyMessageDefinition,
} from "@peakshop/contracts";
import { stepWorkflow } from "@peakshop/eventsourcing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkoutSaga, type SagaMessage } from "./checkout-saga";
import type { OrderCommand } from "./order.commands";
import { OrderError } from "./order.errors";
import type { OrderState } from "./order.state";
import { FINAL_STATUSES } from "./order.types";
import { at, placeOrder } from "../../test/order-fixtures";

const place = placeOrder;

/** Every input the saga can meet, in any order, late or more than once (at-least-once delivery). */
const anyInput: fc.Arbitrary<OrderCommand> = fc.constantFrom<OrderCommand>(
  place,
  { type: "RecordStockReserved", at },
  { type: "RecordStockRejected", unavailable: [{ sku: "sku-1", requested: 2, available: 0 }], at },
  { type: "RecordPaymentDelayed", attempt: 1, nextAttemptAt: at, lastError: "bank answered 503", at },
  { type: "RecordPaymentCaptured", chargeId: "ch-1", amountCents: 3000, at },
  { type: "RecordPaymentDeclined", reason: "card declined", at },
  { type: "RecordPaymentAbandoned", at },
  { type: "RecordPaymentRefunded", refundId: "rf-1", amountCents: 3000, at },
  { type: "RecordStockCommitted", at },
  { type: "RecordStockCommitRefused", at },
  { type: "PassDeadline", at },
  { type: "CancelByCustomer", at },
);

interface Run {
  sent: AnyMessageDefinition[];
  /** The status after each input. */
  statuses: OrderState["status"][];
  /** A capture reached the order after it had asked for payment: the bank took the money. */
  moneyTaken: boolean;
  /** Any capture reached the order, even one no request of its own could have caused. */
  anyCapture: boolean;
  final: OrderState;
}

function run(inputs: OrderCommand[]): Run {
  let state = checkoutSaga.initialState;
  const sent: AnyMessageDefinition[] = [];
  const statuses: OrderState["status"][] = [];
  let moneyTaken = false;
  let anyCapture = false;
  for (const input of inputs) {
    if (input.type === "RecordPaymentCaptured") {
      anyCapture = true;
      if (sent.includes(RequestPaymentV1)) moneyTaken = true;
    }
    try {
      const step = stepWorkflow(checkoutSaga, input, state);
      state = step.state;
      sent.push(...step.sent.map((message: SagaMessage) => message.definition));
    } catch (error) {
      // A refused customer request changes nothing; anything else is a bug.
      if (!(error instanceof OrderError)) throw error;
    }
    statuses.push(state.status);
  }
  return { sent, statuses, moneyTaken, anyCapture, final: state };
}

const count = (sent: AnyMessageDefinition[], definition: AnyMessageDefinition) =>
  sent.filter((message) => message === definition).length;
const isFinal = (status: OrderState["status"]) => status !== "none" && FINAL_STATUSES.includes(status);

describe("checkout saga: invariants over any order of inputs", () => {
  const inputs = fc.array(anyInput, { maxLength: 14 });

  it("a final status never changes, and each step's message is sent at most once", () => {
    fc.assert(
      fc.property(inputs, (sequence) => {
        const { sent, statuses } = run(sequence);
        const firstFinal = statuses.findIndex(isFinal);
        if (firstFinal >= 0) expect(new Set(statuses.slice(firstFinal)).size).toBe(1);
        for (const definition of [
          ReserveStockV1,
          RequestPaymentV1,
          CommitStockV1,
          OrderConfirmedV1,
          RefundPaymentV1,
        ])
          expect(count(sent, definition)).toBeLessThanOrEqual(1);
        expect(
          count(sent, OrderConfirmedV1) + count(sent, OrderCancelledV1) + count(sent, OrderRejectedV1),
        ).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("I3: a confirmed order was sold its stock after a capture, and its hold is never released", () => {
    fc.assert(
      fc.property(inputs, (sequence) => {
        const { sent, final } = run(sequence);
        if (final.status === "CONFIRMED") {
          expect(sent.indexOf(RequestPaymentV1)).toBeGreaterThan(sent.indexOf(ReserveStockV1));
          expect(sent.indexOf(CommitStockV1)).toBeGreaterThan(sent.indexOf(RequestPaymentV1));
          expect(sent).not.toContain(ReleaseStockV1);
        }
        if (final.status === "CANCELLED" && final.cancelReason !== "stock-hold-expired")
          expect(count(sent, ReleaseStockV1)).toBe(1);
      }),
    );
  });

  it("I2: money the bank took is kept only by a confirmed order, and refunded once otherwise", () => {
    fc.assert(
      fc.property(inputs, (sequence) => {
        const { sent, final, moneyTaken, anyCapture } = run(sequence);
        if (!anyCapture) expect(sent).not.toContain(RefundPaymentV1);
        if (!moneyTaken) return;
        if (final.status === "CONFIRMED") expect(sent).not.toContain(RefundPaymentV1);
        else if (final.status !== "none" && isFinal(final.status))
          expect(count(sent, RefundPaymentV1)).toBe(1);
      }),
    );
  });

  it("a redelivered input sends nothing more: each input twice sends what each once does", () => {
    fc.assert(
      fc.property(inputs, (sequence) => {
        expect(run(sequence.flatMap((input) => [input, input])).sent).toEqual(run(sequence).sent);
      }),
    );
  });
});
