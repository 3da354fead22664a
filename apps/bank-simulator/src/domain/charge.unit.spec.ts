import { describe, expect, it } from "vitest";
import { BankError } from "./bank.errors";
import { decideCharge, type ChargeRequest, type CreateCharge } from "./charge";

const at = new Date("2025-11-11T00:00:00.000Z");
const request = (overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountCents: 1999,
  currency: "EUR",
  reference: "order-1",
  paymentToken: "tok_ok",
  ...overrides,
});
const command = (overrides: Partial<CreateCharge> = {}): CreateCharge => ({
  idempotencyKey: "key-1",
  request: request(),
  chargeId: "charge-1",
  at,
  forcedDecline: false,
  ...overrides,
});

describe("decideCharge", () => {
  it("captures a good card", () => {
    expect(decideCharge(command(), undefined)).toEqual({
      kind: "created",
      charge: {
        chargeId: "charge-1",
        idempotencyKey: "key-1",
        ...request(),
        status: "captured",
        createdAt: at,
      },
    });
  });

  it.each([
    ["tok_declined", "card-declined"],
    ["tok_insufficient", "insufficient-funds"],
    ["tok_unknown", "card-declined"],
  ])("declines %s with %s", (paymentToken, declineReason) => {
    const decision = decideCharge(command({ request: request({ paymentToken }) }), undefined);
    expect(decision.charge).toMatchObject({ status: "declined", declineReason });
  });

  it("declines a good card the declineRate fault picked", () => {
    const decision = decideCharge(command({ forcedDecline: true }), undefined);
    expect(decision.charge).toMatchObject({ status: "declined", declineReason: "card-declined" });
  });

  it("keeps the real reason of a bad card the declineRate fault picked", () => {
    const decision = decideCharge(
      command({ forcedDecline: true, request: request({ paymentToken: "tok_insufficient" }) }),
      undefined,
    );
    expect(decision.charge.declineReason).toBe("insufficient-funds");
  });

  it("replays the first charge for the same key and request, whatever the second draw", () => {
    const first = decideCharge(command(), undefined).charge;
    const again = decideCharge(command({ chargeId: "charge-2", forcedDecline: true }), first);
    expect(again).toEqual({ kind: "replayed", charge: first });
  });

  it.each([
    ["amountCents", { amountCents: 2000 }],
    ["currency", { currency: "USD" }],
    ["reference", { reference: "order-2" }],
    ["paymentToken", { paymentToken: "tok_declined" }],
  ])("refuses the same key with a different %s", (_field, change) => {
    const first = decideCharge(command(), undefined).charge;
    const attempt = () => decideCharge(command({ request: request(change) }), first);
    expect(attempt).toThrow(BankError);
    expect(attempt).toThrow(/already used for a different charge/);
  });
});
