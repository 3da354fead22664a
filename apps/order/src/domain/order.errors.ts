/** A command the order cannot accept in its current status (answered 409 over HTTP). */
export class OrderError extends Error {
  constructor(
    readonly code: "order-not-found" | "order-not-cancellable",
    message: string,
  ) {
    super(message);
    this.name = "OrderError";
  }
}
