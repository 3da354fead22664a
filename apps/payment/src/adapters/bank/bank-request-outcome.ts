import { BrokenCircuitError, BulkheadRejectedError } from "cockatiel";
import { BankUnavailable } from "../../application/bank-gateway.port";

export type BankOperation = "charge" | "refund" | "lookup";

/**
 * success: the bank answered (a lookup that finds nothing included);
 * declined: it answered a charge with a decline; error: 5xx, refused
 * connection, or an answer we could not use; timeout: no answer in time;
 * rejected: never sent, because the circuit is open or the bulkhead is full.
 */
export type BankRequestOutcome = "success" | "declined" | "error" | "timeout" | "rejected";

export const BANK_OPERATIONS: readonly BankOperation[] = ["charge", "refund", "lookup"];
export const BANK_REQUEST_OUTCOMES: readonly BankRequestOutcome[] = [
  "success",
  "declined",
  "error",
  "timeout",
  "rejected",
];

/** No answer within BANK_TIMEOUT_MS: the request may still have reached the bank. */
export class BankTimeout extends BankUnavailable {
  constructor(timeoutMs: number) {
    super(`bank timeout after ${timeoutMs} ms`, true);
  }
}

/** How one request to the bank went, from what it answered or what was thrown. */
export function bankRequestOutcome(
  operation: BankOperation,
  settled: { answer: unknown } | { error: unknown },
): BankRequestOutcome {
  if ("error" in settled) {
    if (settled.error instanceof BrokenCircuitError || settled.error instanceof BulkheadRejectedError)
      return "rejected";
    return settled.error instanceof BankTimeout ? "timeout" : "error";
  }
  const answer = settled.answer as { status?: unknown } | undefined;
  return operation === "charge" && answer?.status === "declined" ? "declined" : "success";
}
