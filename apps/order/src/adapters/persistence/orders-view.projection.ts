import type { Projection, RecordedEvent } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";
import { orderDecider } from "../../domain/order.decider";
import type { OrderEvent } from "../../domain/order.events";
import type { OrderState } from "../../domain/order.state";
import { ORDER_EVENT_TYPES } from "../../application/order-codec";

/**
 * orders_view: each order's state folded with the domain's own evolve, so the
 * read model cannot disagree with the aggregate. Rebuildable from the store.
 */
export const ordersViewProjection: Projection = {
  name: "orders-view",
  handles: ORDER_EVENT_TYPES.map((type) => `order.${type}`),
  async apply(event: RecordedEvent, manager: EntityManager) {
    const orderId = event.streamId.replace(/^order-/, "");
    const [row] = (await manager.query(`SELECT state FROM orders_view WHERE order_id = $1`, [orderId])) as {
      state: OrderState;
    }[];
    const next = orderDecider.evolve(row?.state ?? orderDecider.initialState, event.data as OrderEvent);
    if (next.status === "none") return;
    const { paymentToken: _secret, ...visible } = next;
    await manager.query(
      `INSERT INTO orders_view (order_id, customer_id, status, state, placed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      [
        orderId,
        next.customerId,
        next.status,
        JSON.stringify({ ...visible, paymentToken: "" }),
        next.history[0]?.at ?? event.recordedAt,
        event.recordedAt,
      ],
    );
  },
  async reset(manager: EntityManager) {
    await manager.query(`TRUNCATE orders_view`);
  },
};
