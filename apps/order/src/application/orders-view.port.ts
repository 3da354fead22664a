import type { SqlStatement } from "@peakshop/eventsourcing";
import type { OrderState } from "../domain/order.state";

/**
 * The orders read model (what GET /v1/orders answers from), written in the
 * statement that appends the order's events: a client reads its own write.
 */
export abstract class OrdersView {
  /** The write that keeps the order's row; undefined for an order not placed. */
  abstract upsert(orderId: string, order: OrderState, at: Date): SqlStatement | undefined;
}
