import type { Projection, RecordedEvent, SqlStatement } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";
import { ORDER_EVENT_TYPES } from "../../application/order-codec";
import { OrdersView } from "../../application/orders-view.port";
import { orderDecider } from "../../domain/order.decider";
import type { OrderEvent } from "../../domain/order.events";
import type { OrderState } from "../../domain/order.state";

/** orders_view: one row per order with its state, less the payment token. */
export class PostgresOrdersView extends OrdersView {
  upsert(orderId: string, order: OrderState, at: Date): SqlStatement | undefined {
    if (order.status === "none") return undefined;
    const { paymentToken: _secret, ...visible } = order;
    return {
      text: `INSERT INTO orders_view (order_id, customer_id, status, state, placed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
      values: [
        orderId,
        order.customerId,
        order.status,
        JSON.stringify({ ...visible, paymentToken: "" }),
        order.history[0]?.at ?? at,
        at,
      ],
    };
  }
}

const view = new PostgresOrdersView();

/**
 * orders_view as a projection, for rebuilds: each order's state folded with
 * the domain's own evolve, so the read model cannot disagree with the
 * aggregate. Live, OrderCommands writes the same row with its events (inline).
 */
export const ordersViewProjection: Projection = {
  name: "orders-view",
  mode: "inline",
  handles: ORDER_EVENT_TYPES.map((type) => `order.${type}`),
  async apply(event: RecordedEvent, manager: EntityManager) {
    const orderId = event.streamId.replace(/^order-/, "");
    const [row] = (await manager.query(`SELECT state FROM orders_view WHERE order_id = $1`, [orderId])) as {
      state: OrderState;
    }[];
    const next = orderDecider.evolve(row?.state ?? orderDecider.initialState, event.data as OrderEvent);
    const write = view.upsert(orderId, next, event.recordedAt);
    if (write) await manager.query(write.text, [...write.values]);
  },
  async reset(manager: EntityManager) {
    await manager.query(`TRUNCATE orders_view`);
  },
};
