import type { OrderEvent } from "../domain/order.events";
import type { OrderState } from "../domain/order.state";
import type { CancellationReason, OrderStatus } from "../domain/order.types";

/** Why an order ended where it did; "none" for a confirmed one. */
export type FinishReason = CancellationReason | "out-of-stock" | "none";

export interface FinishedOrder {
  status: Extract<OrderStatus, "CONFIRMED" | "REJECTED" | "CANCELLED">;
  reason: FinishReason;
  /** From placement to the final status, by the events' own times. */
  secondsToFinal: number;
}

/** Every (status, reason) an order can finish with. */
export const FINISHES: readonly Pick<FinishedOrder, "status" | "reason">[] = [
  { status: "CONFIRMED", reason: "none" },
  { status: "REJECTED", reason: "out-of-stock" },
  { status: "CANCELLED", reason: "payment-declined" },
  { status: "CANCELLED", reason: "payment-deadline-passed" },
  { status: "CANCELLED", reason: "cancelled-by-customer" },
  { status: "CANCELLED", reason: "stock-hold-expired" },
];

/**
 * The order's finish if these new events made it final, else undefined. The
 * decider emits a final event once per order (a final order decides no other),
 * so this is true for exactly one command of each order.
 */
export function finishedOrderOf(events: readonly OrderEvent[], state: OrderState): FinishedOrder | undefined {
  const placedAt = state.status === "none" ? undefined : state.history[0]?.at;
  if (!placedAt) return undefined;
  for (const event of events) {
    const finish = finishOf(event);
    if (!finish) continue;
    const secondsToFinal = Math.max(0, (Date.parse(event.at) - Date.parse(placedAt)) / 1000);
    return { ...finish, secondsToFinal };
  }
  return undefined;
}

function finishOf(event: OrderEvent): Pick<FinishedOrder, "status" | "reason"> | undefined {
  switch (event.type) {
    case "OrderConfirmed":
      return { status: "CONFIRMED", reason: "none" };
    case "OrderRejected":
      return { status: "REJECTED", reason: "out-of-stock" };
    case "OrderCancelled":
      return { status: "CANCELLED", reason: event.reason };
    default:
      return undefined;
  }
}
