import type { EntityManager } from "typeorm";
import type { OrderState } from "../domain/order.state";

/**
 * The orders read model (what GET /v1/orders answers from), written in the
 * transaction that appends the order's events: a client reads its own write.
 */
export abstract class OrdersView {
  abstract save(manager: EntityManager, orderId: string, order: OrderState, at: Date): Promise<void>;
}
