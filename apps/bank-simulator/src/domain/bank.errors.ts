export type BankErrorCode =
  "idempotency-key-reused" | "charge-not-found" | "charge-not-refundable" | "refund-exceeds-captured";

/** A request the bank refuses; `code` is stable and names the rule that was broken. */
export class BankError extends Error {
  constructor(
    readonly code: BankErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BankError";
  }
}

export const idempotencyKeyReused = (key: string, what: "charge" | "refund") =>
  new BankError(
    "idempotency-key-reused",
    `Idempotency-Key ${key} was already used for a different ${what} request`,
  );

export const chargeNotFound = (chargeId: string) =>
  new BankError("charge-not-found", `no charge ${chargeId}`);

export const noChargeForKey = (idempotencyKey: string) =>
  new BankError("charge-not-found", `no charge was made with Idempotency-Key ${idempotencyKey}`);

export const chargeNotRefundable = (chargeId: string) =>
  new BankError("charge-not-refundable", `charge ${chargeId} was declined; there is nothing to refund`);

export const refundExceedsCaptured = (chargeId: string, requested: number, refundable: number) =>
  new BankError(
    "refund-exceeds-captured",
    `refund of ${requested} exceeds what is left to refund on charge ${chargeId} (${refundable})`,
  );
