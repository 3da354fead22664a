import { describe, expect, it } from "vitest";
import type { BankErrorCode } from "./bank.errors";
import { BankError } from "./bank.errors";
import type { Charge } from "./charge";
import { decideRefund, refundableCents, type CreateRefund, type RefundContext } from "./refund";

const at = new Date("2025-11-11T00:00:00.000Z");
const captured: Charge = {
  chargeId: "charge-1",
  idempotencyKey: "charge-key",
  amountCents: 1000,
  currency: "EUR",
  reference: "order-1",
  paymentToken: "tok_ok",
  status: "captured",
  createdAt: at,
};
const declined: Charge = { ...captured, status: "declined", declineReason: "card-declined" };
const command = (amountCents: number, overrides: Partial<CreateRefund> = {}): CreateRefund => ({
  idempotencyKey: "refund-key",
  request: { chargeId: "charge-1", amountCents },
  refundId: "refund-1",
  at,
  ...overrides,
});
const context = (overrides: Partial<RefundContext> = {}): RefundContext => ({
  existing: undefined,
  charge: captured,
  refundedCents: 0,
  ...overrides,
});

function codeOf(attempt: () => unknown): BankErrorCode | undefined {
  try {
    attempt();
  } catch (error) {
    if (error instanceof BankError) return error.code;
    throw error;
  }
  return undefined;
}

describe("decideRefund", () => {
  it("refunds up to what was captured, in parts", () => {
    expect(decideRefund(command(400), context())).toEqual({
      kind: "created",
      refund: {
        refundId: "refund-1",
        idempotencyKey: "refund-key",
        chargeId: "charge-1",
        amountCents: 400,
        createdAt: at,
      },
    });
    expect(decideRefund(command(600), context({ refundedCents: 400 })).kind).toBe("created");
  });

  it("refuses more than captured minus already refunded", () => {
    expect(codeOf(() => decideRefund(command(1001), context()))).toBe("refund-exceeds-captured");
    expect(codeOf(() => decideRefund(command(601), context({ refundedCents: 400 })))).toBe(
      "refund-exceeds-captured",
    );
  });

  it("refuses a declined charge and an unknown one", () => {
    expect(codeOf(() => decideRefund(command(1), context({ charge: declined })))).toBe(
      "charge-not-refundable",
    );
    expect(codeOf(() => decideRefund(command(1), context({ charge: undefined })))).toBe("charge-not-found");
    expect(refundableCents(declined, 0)).toBe(0);
  });

  it("replays the key's refund even once the charge is fully refunded", () => {
    const first = decideRefund(command(1000), context()).refund;
    expect(decideRefund(command(1000), context({ existing: first, refundedCents: 1000 }))).toEqual({
      kind: "replayed",
      refund: first,
    });
  });

  it("refuses the same key with a different request", () => {
    const first = decideRefund(command(500), context()).refund;
    expect(codeOf(() => decideRefund(command(400), context({ existing: first })))).toBe(
      "idempotency-key-reused",
    );
    expect(
      codeOf(() =>
        decideRefund(
          command(500, { request: { chargeId: "charge-2", amountCents: 500 } }),
          context({ existing: first }),
        ),
      ),
    ).toBe("idempotency-key-reused");
  });
});
