import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chargeFailed,
  chargeStep,
  reconcileStep,
  REFUSED_REFUND_MAX_DELAY_MS,
  retryAfterUnavailable,
  retryRefusedRefund,
  scheduleAfter,
  type ChargeOutcome,
} from "./due-work";
import type { PaymentState } from "./payment.state";
import { paymentDetails } from "../../test/payment-fixtures";

const details = { ...paymentDetails, failedAttempts: 0 };
const pending = { status: "pending", ...details } as const;
const abandoned = { status: "abandoned", abandonedAt: "2026-11-11T00:03:00.000Z", ...details } as const;
const t = (iso: string) => new Date(iso);
const beforeDeadline = t("2026-11-11T00:02:59.999Z");
const atDeadline = t("2026-11-11T00:03:00.000Z");
const captured: ChargeOutcome = { status: "captured", chargeId: "ch-1" };
const declined: ChargeOutcome = {
  status: "declined",
  chargeId: "ch-2",
  reasonCode: "card-declined",
  reason: "the card was declined",
};
const policy = { baseDelayMs: 200, maxDelayMs: 5_000, bankMaxProcessingMs: 30_000 };

describe("a due charge attempt", () => {
  it("given nothing known at the bank before the deadline, then it charges", () => {
    expect(chargeStep(pending, undefined, beforeDeadline)).toEqual({ charge: true });
  });

  it("given the deadline has come, then it abandons instead of charging", () => {
    expect(chargeStep(pending, undefined, atDeadline)).toEqual({
      record: { type: "Abandon", reason: "deadline-passed", at: atDeadline.toISOString() },
    });
  });

  it("given an earlier attempt reached the bank, then it records that outcome, even past the deadline", () => {
    expect(chargeStep(pending, captured, atDeadline)).toEqual({
      record: { type: "RecordCapture", chargeId: "ch-1", at: atDeadline.toISOString() },
    });
    expect(chargeStep(pending, declined, beforeDeadline)).toEqual({
      record: {
        type: "RecordDecline",
        reasonCode: "card-declined",
        reason: "the card was declined",
        at: beforeDeadline.toISOString(),
      },
    });
  });

  it("given the bank could not answer, then the next attempt is scheduled after a backoff that grows with the failures", () => {
    const now = t("2026-11-11T00:00:10.000Z");
    const first = chargeFailed(pending, "bank answered 503", policy, { now, random: 0 });
    const third = chargeFailed({ ...pending, failedAttempts: 2 }, "bank answered 503", policy, {
      now,
      random: 0,
    });
    expect(first).toEqual({
      type: "RecordTransientFailure",
      error: "bank answered 503",
      nextAttemptAt: "2026-11-11T00:00:10.100Z",
      at: now.toISOString(),
    });
    expect(third.type === "RecordTransientFailure" && third.nextAttemptAt).toBe("2026-11-11T00:00:10.400Z");
  });

  it("any failure count and draw: the next attempt comes after now, and no later than the cap", () => {
    fc.assert(
      fc.property(
        fc.nat(60),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failed, random) => {
          const now = t("2026-11-11T00:00:10.000Z");
          const command = chargeFailed({ ...pending, failedAttempts: failed }, "timeout", policy, {
            now,
            random,
          });
          const delay =
            command.type === "RecordTransientFailure"
              ? Date.parse(command.nextAttemptAt) - now.getTime()
              : -1;
          expect(delay).toBeGreaterThan(0);
          expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        },
      ),
    );
  });
});

describe("retries that are not charges", () => {
  const now = t("2026-11-11T00:00:10.000Z");

  it("given the bank is unreachable, then the work comes back between half the delay and the delay", () => {
    expect(retryAfterUnavailable(5_000, { now, random: 0 })).toEqual(t("2026-11-11T00:00:12.500Z"));
    expect(retryAfterUnavailable(5_000, { now, random: 0.999_9 })).toEqual(t("2026-11-11T00:00:15.000Z"));
  });

  it("given the bank refuses a refund, then it is tried again later and later, never more than an hour apart", () => {
    const waits = [0, 3, 30].map(
      (startedBefore) =>
        retryRefusedRefund(policy, startedBefore, { now, random: 0 }).getTime() - now.getTime(),
    );
    // With the lowest draw, half of each step: 5 s, then doubling, capped at an hour.
    expect(waits).toEqual([
      policy.maxDelayMs / 2,
      (8 * policy.maxDelayMs) / 2,
      REFUSED_REFUND_MAX_DELAY_MS / 2,
    ]);
  });
});

describe("reconciling an abandoned payment", () => {
  const windowMs = policy.bankMaxProcessingMs;

  it("given the bank captured it after all, then the capture is recorded (so the order refunds it)", () => {
    expect(reconcileStep(abandoned, captured, t("2026-11-11T00:03:01.000Z"), windowMs)).toEqual({
      record: { type: "RecordCapture", chargeId: "ch-1", at: "2026-11-11T00:03:01.000Z" },
    });
  });

  it("given nothing found while the bank may still be processing, then it asks again when the doubt ends", () => {
    expect(reconcileStep(abandoned, undefined, t("2026-11-11T00:03:01.000Z"), windowMs)).toEqual({
      askAgainAt: t("2026-11-11T00:03:30.000Z"),
    });
  });

  it("given nothing found after the doubt ended, or a decline, then it is settled", () => {
    expect(reconcileStep(abandoned, undefined, t("2026-11-11T00:03:30.000Z"), windowMs)).toEqual({
      settled: true,
    });
    expect(reconcileStep(abandoned, declined, t("2026-11-11T00:03:01.000Z"), windowMs)).toEqual({
      settled: true,
    });
  });
});

describe("the schedule after an outcome is recorded", () => {
  const now = t("2026-11-11T00:00:10.000Z");
  const failure = {
    type: "RecordTransientFailure",
    error: "timeout",
    nextAttemptAt: "2026-11-11T00:00:11.000Z",
    at: now.toISOString(),
  } as const;
  const capture = { type: "RecordCapture", chargeId: "ch-1", at: now.toISOString() } as const;
  const charge = (startedBefore: number) => ({ kind: "charge" as const, startedBefore });

  it("given a failed attempt of a payment still pending, then the charge moves to its next attempt", () => {
    expect(scheduleAfter(charge(1), failure, { ...pending, failedAttempts: 1 }, now)).toEqual({
      put: "charge",
      dueAt: t("2026-11-11T00:00:11.000Z"),
    });
  });

  it("given a final outcome, then the work leaves the schedule", () => {
    const capturedState: PaymentState = {
      status: "captured",
      chargeId: "ch-1",
      refund: { status: "none" },
      ...details,
    };
    expect(scheduleAfter(charge(0), capture, capturedState, now)).toEqual({ remove: "charge" });
  });

  it("given an abandonment after attempts that may have reached the bank, then a reconciliation follows at once", () => {
    const abandon = { type: "Abandon", reason: "deadline-passed", at: now.toISOString() } as const;
    expect(scheduleAfter(charge(2), abandon, abandoned, now)).toEqual({
      remove: "charge",
      thenReconcileAt: now,
    });
    expect(scheduleAfter(charge(0), abandon, abandoned, now)).toEqual({ remove: "charge" });
    expect(scheduleAfter({ kind: "reconcile", startedBefore: 1 }, abandon, abandoned, now)).toEqual({
      put: "reconcile",
      dueAt: now,
    });
  });
});
