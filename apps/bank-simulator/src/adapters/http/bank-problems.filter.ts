import { problemFilterFor, problemType, type ProblemDetails } from "@peakshop/platform-nest";
import { BankError, type BankErrorCode } from "../../domain/bank.errors";
import { BankUnavailable } from "./bank-unavailable";

const BANK_ERRORS: Record<BankErrorCode, { status: number; title: string }> = {
  "idempotency-key-reused": { status: 422, title: "Idempotency-Key reused" },
  "charge-not-found": { status: 404, title: "Charge not found" },
  "charge-not-refundable": { status: 422, title: "Charge not refundable" },
  "refund-exceeds-captured": { status: 422, title: "Refund exceeds captured amount" },
};

function bankProblemOf(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof BankError) {
    return { type: problemType(exception.code), ...BANK_ERRORS[exception.code], detail: exception.message };
  }
  if (exception instanceof BankUnavailable) {
    return {
      type: problemType("bank-unavailable"),
      title: "Bank unavailable",
      status: 503,
      detail: exception.message,
    };
  }
  return undefined;
}

/** The bank's refusals as application/problem+json (RFC 9457); a simulated outage says when to retry. */
export const BankProblemsFilter = problemFilterFor({
  map: bankProblemOf,
  headers: (problem) =>
    problem.type === problemType("bank-unavailable") ? { "retry-after": "1" } : undefined,
});
