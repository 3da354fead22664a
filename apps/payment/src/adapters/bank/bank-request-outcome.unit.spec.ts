import { BrokenCircuitError, BulkheadRejectedError, IsolatedCircuitError } from "cockatiel";
import { describe, expect, it } from "vitest";
import { BankUnavailable } from "../../application/bank-gateway.port";
import { bankRequestOutcome, BankTimeout } from "./bank-request-outcome";

describe("bankRequestOutcome", () => {
  it("tells a capture from a decline, for charges only", () => {
    expect(bankRequestOutcome("charge", { answer: { chargeId: "c", status: "captured" } })).toBe("success");
    expect(bankRequestOutcome("charge", { answer: { chargeId: "c", status: "declined" } })).toBe("declined");
    // A lookup that finds a declined charge was answered: the decline was counted when it was made.
    expect(bankRequestOutcome("lookup", { answer: { chargeId: "c", status: "declined" } })).toBe("success");
    expect(bankRequestOutcome("lookup", { answer: undefined })).toBe("success");
    expect(bankRequestOutcome("refund", { answer: { refundId: "r" } })).toBe("success");
  });

  it("calls requests the circuit or the bulkhead kept back rejected", () => {
    expect(bankRequestOutcome("charge", { error: new BrokenCircuitError() })).toBe("rejected");
    expect(bankRequestOutcome("charge", { error: new IsolatedCircuitError() })).toBe("rejected");
    expect(bankRequestOutcome("refund", { error: new BulkheadRejectedError(16, 64) })).toBe("rejected");
  });

  it("tells a timeout from other failures", () => {
    expect(bankRequestOutcome("charge", { error: new BankTimeout(1_000) })).toBe("timeout");
    expect(bankRequestOutcome("charge", { error: new BankUnavailable("bank answered 500", true) })).toBe(
      "error",
    );
    expect(bankRequestOutcome("lookup", { error: new Error("bank refused GET: 400") })).toBe("error");
  });
});
