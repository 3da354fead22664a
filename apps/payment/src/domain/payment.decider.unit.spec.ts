import fc from "fast-check";
import { deciderSpec } from "@peakshop/testing/decider-spec";
import { describe, expect, it } from "vitest";
import type { PaymentCommand } from "./payment.commands";
import { decide, evolve, paymentDecider } from "./payment.decider";
import { initialPaymentState, type PaymentState } from "./payment.state";
import { retryDelayMs } from "./retry-policy";
import { paymentDetails } from "../../test/payment-fixtures";

const at = "2026-11-11T00:00:00.000Z";
const request: PaymentCommand = { type: "RequestPayment", ...paymentDetails, at };
const { givenDecided: given } = deciderSpec(paymentDecider);
const failure = (nextAttemptAt: string): PaymentCommand => ({
  type: "RecordTransientFailure",
  error: "bank answered 503",
  nextAttemptAt,
  at,
});

describe("payment", () => {
  it("records a request once", () => {
    given(request).when(request).thenNothingHappens();
  });

  it("schedules a retry after a transient failure, counting attempts", () => {
    const { state } = given(
      request,
      failure("2026-11-11T00:00:01.000Z"),
      failure("2026-11-11T00:00:03.000Z"),
    );
    expect(state.status === "pending" && state.failedAttempts).toBe(2);
    const captured = given(request, failure("2026-11-11T00:00:01.000Z"), {
      type: "RecordCapture",
      chargeId: "ch-1",
      at,
    });
    expect(captured.state.status).toBe("captured");
  });

  it("abandons instead of retrying past the deadline", () => {
    const events = given(request).when(failure("2026-11-11T00:03:00.500Z")).events();
    expect(events.map((event) => event.type)).toEqual(["AttemptFailed", "PaymentAbandoned"]);
  });

  it("remembers when it was abandoned: every attempt was sent before, so the doubt about them ends from there", () => {
    const abandonedAt = "2026-11-11T00:03:00.500Z";
    const { state } = given(request, { type: "Abandon", reason: "deadline-passed", at: abandonedAt });
    expect(state.status === "abandoned" && state.abandonedAt).toBe(abandonedAt);
  });

  it("still records a capture learned after abandonment, so the order refunds it", () => {
    const events = given(request, { type: "Abandon", reason: "deadline-passed", at })
      .when({ type: "RecordCapture", chargeId: "ch-1", at })
      .events();
    expect(events.map((event) => event.type)).toEqual(["PaymentCaptured"]);
  });

  it("keeps a decline final", () => {
    const declined = given(request, {
      type: "RecordDecline",
      reasonCode: "card-declined",
      reason: "card-declined",
      at,
    });
    declined.when({ type: "RecordCapture", chargeId: "ch", at }).thenNothingHappens();
    declined.when(failure("2026-11-11T00:00:01.000Z")).thenNothingHappens();
  });

  it("refunds a captured payment once, never more than was captured", () => {
    const captured: PaymentCommand[] = [request, { type: "RecordCapture", chargeId: "ch-1", at }];
    given(...captured)
      .when({ type: "RequestRefund", amountCents: 999_999, at })
      .then([{ type: "RefundRequested", amountCents: 3000, at }]);
    given(...captured, { type: "RequestRefund", amountCents: 999_999, at })
      .when({ type: "RequestRefund", amountCents: 3000, at })
      .thenNothingHappens();
  });
});

const anyCommand: fc.Arbitrary<PaymentCommand> = fc.oneof(
  fc.constant(request),
  fc.constant<PaymentCommand>({ type: "RecordCapture", chargeId: "ch-1", at }),
  fc.constant<PaymentCommand>({ type: "RecordDecline", reasonCode: "card-declined", reason: "declined", at }),
  fc.constantFrom("2026-11-11T00:00:01.000Z", "2026-11-11T00:05:00.000Z").map(failure),
  fc.constant<PaymentCommand>({ type: "Abandon", reason: "deadline-passed", at }),
  fc.constant<PaymentCommand>({ type: "RequestRefund", amountCents: 3000, at }),
  fc.constant<PaymentCommand>({ type: "RecordRefund", refundId: "rf-1", at }),
);

describe("payment invariants (property-based)", () => {
  it("I2: at most one capture and one refund per payment, refunds never exceed the capture, a decline is never captured", () => {
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 40 }), (commands) => {
        let state: PaymentState = initialPaymentState;
        let captures = 0;
        let refunded = 0;
        let declined = false;
        for (const command of commands) {
          const events = decide(command, state);
          for (const event of events) {
            if (event.type === "PaymentCaptured") captures += 1;
            if (event.type === "PaymentRefunded") refunded += event.amountCents;
            if (event.type === "PaymentDeclined") declined = true;
          }
          state = events.reduce(evolve, state);
        }
        return captures <= 1 && refunded <= 3000 * captures && !(declined && captures > 0);
      }),
    );
  });

  it("backoff grows, stays within its cap, and jitter keeps at least half of each step", () => {
    const policy = { baseDelayMs: 250, maxDelayMs: 5_000 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, random) => {
          const delay = retryDelayMs(policy, attempt, random);
          const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          return delay >= step / 2 && delay <= step;
        },
      ),
    );
  });
});
