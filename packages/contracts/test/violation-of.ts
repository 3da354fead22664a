import { ContractViolation } from "../src/message/contract-violation";

/** The ContractViolation `act` throws; any other outcome fails the test. */
export function violationOf(act: () => unknown): ContractViolation {
  try {
    act();
  } catch (error) {
    if (error instanceof ContractViolation) return error;
    throw error;
  }
  throw new Error("expected a ContractViolation");
}
