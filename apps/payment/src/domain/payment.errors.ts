export class PaymentError extends Error {
  constructor(
    readonly code: "unknown-payment" | "refund-not-possible" | "conflicting-request",
    message: string,
  ) {
    super(message);
    this.name = "PaymentError";
  }
}
