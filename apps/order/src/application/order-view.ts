import type { OrderState } from "../domain/order.state";

/** An order as the public API shows it (shared/API.md). */
export function toOrderView(state: Exclude<OrderState, { status: "none" }>) {
  return {
    orderId: state.orderId,
    status: state.status,
    items: state.items.map(({ sku, name, quantity, unitPriceCents }) => ({
      sku,
      name,
      quantity,
      priceCents: unitPriceCents,
    })),
    totalCents: state.totalCents,
    currency: state.currency,
    payment: {
      status: state.payment.status,
      attempts: state.payment.attempts,
      ...(state.payment.lastError ? { lastError: state.payment.lastError } : {}),
    },
    deadline: state.deadline,
    history: state.history,
  };
}
