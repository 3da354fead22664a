import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BankError } from "./bank.errors";
import { decideCharge, type Charge } from "./charge";
import { decideRefund, type Refund } from "./refund";

// Random sequences of charges and refunds against a model of the two tables:
// one row per idempotency key (the unique index), refunds summed per charge.
type Step =
  | { type: "charge"; key: string; amountCents: number; token: string; forcedDecline: boolean }
  | { type: "refund"; key: string; chargeIndex: number; amountCents: number };

const keys = fc.constantFrom("k1", "k2", "k3", "k4");
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant("charge" as const),
    key: keys,
    amountCents: fc.constantFrom(100, 250, 1000),
    token: fc.constantFrom("tok_ok", "tok_ok", "tok_declined", "tok_insufficient", "tok_x"),
    forcedDecline: fc.boolean(),
  }),
  fc.record({
    type: fc.constant("refund" as const),
    key: keys,
    chargeIndex: fc.nat(5),
    amountCents: fc.integer({ min: 1, max: 1200 }),
  }),
);

function run(steps: Step[]) {
  const charges = new Map<string, Charge>();
  const refunds = new Map<string, Refund>();
  const answers = new Map<string, string>();
  let sequence = 0;
  for (const s of steps) {
    sequence += 1;
    try {
      if (s.type === "charge") {
        const decision = decideCharge(
          {
            idempotencyKey: s.key,
            request: {
              amountCents: s.amountCents,
              currency: "EUR",
              reference: "order",
              paymentToken: s.token,
            },
            chargeId: `charge-${sequence}`,
            at: new Date(0),
            forcedDecline: s.forcedDecline,
          },
          charges.get(s.key),
        );
        if (decision.kind === "created") charges.set(s.key, decision.charge);
        const answered = answers.get(`charge:${s.key}`);
        if (answered) expect(decision.charge.chargeId).toBe(answered);
        answers.set(`charge:${s.key}`, decision.charge.chargeId);
      } else {
        const chargeId = [...charges.values()][s.chargeIndex]?.chargeId ?? "unknown";
        const charge = [...charges.values()].find((c) => c.chargeId === chargeId);
        const refundedCents = [...refunds.values()]
          .filter((r) => r.chargeId === chargeId)
          .reduce((sum, r) => sum + r.amountCents, 0);
        const decision = decideRefund(
          {
            idempotencyKey: s.key,
            request: { chargeId, amountCents: s.amountCents },
            refundId: `refund-${sequence}`,
            at: new Date(0),
          },
          { existing: refunds.get(s.key), charge, refundedCents },
        );
        if (decision.kind === "created") refunds.set(s.key, decision.refund);
      }
    } catch (error) {
      if (!(error instanceof BankError)) throw error;
    }
  }
  return { charges: [...charges.values()], refunds: [...refunds.values()] };
}

describe("bank ledger properties", () => {
  it("refunded never exceeds captured per charge, and declined charges are never refunded", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { charges, refunds } = run(steps);
        for (const charge of charges) {
          const refunded = refunds
            .filter((r) => r.chargeId === charge.chargeId)
            .reduce((s, r) => s + r.amountCents, 0);
          expect(refunded).toBeLessThanOrEqual(charge.status === "captured" ? charge.amountCents : 0);
        }
        for (const refund of refunds) expect(charges.some((c) => c.chargeId === refund.chargeId)).toBe(true);
      }),
    );
  });

  it("replaying a key never creates a second charge and always answers the first one", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { charges } = run(steps);
        const chargeKeys = new Set(steps.filter((s) => s.type === "charge").map((s) => s.key));
        expect(charges).toHaveLength(chargeKeys.size);
        expect(new Set(charges.map((c) => c.chargeId)).size).toBe(charges.length);
      }),
    );
  });
});
