import { Injectable } from "@nestjs/common";
import { handleCommand, PostgresEventStore, type CommandResult } from "@peakshop/eventsourcing";
import { DataSource, type EntityManager } from "typeorm";
import type { OrderCommand } from "../domain/order.commands";
import { orderDecider } from "../domain/order.decider";
import type { OrderEvent } from "../domain/order.events";
import { type OrderState } from "../domain/order.state";
import { FINAL_STATUSES } from "../domain/order.types";
import { finishedOrderOf } from "./finished-order";
import { FinishedOrders } from "./finished-orders.port";
import { orderCodec, orderStreamId } from "./order-codec";
import { orderMessages } from "./order-messages";
import { OrderDeadlines } from "./order-deadlines.port";
import { OrdersView } from "./orders-view.port";

export type OrderResult = CommandResult<OrderEvent, OrderState>;

/**
 * Runs a command against one order: decide, append events with the saga's
 * messages, keep its read model row and deadline timer in the same
 * transaction, and tell FinishedOrders once the order's final event is committed.
 */
@Injectable()
export class OrderCommands {
  private readonly store: PostgresEventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: OrderDeadlines,
    private readonly view: OrdersView,
    private readonly finished: FinishedOrders,
  ) {
    this.store = new PostgresEventStore(dataSource);
  }

  execute(
    orderId: string,
    command: OrderCommand,
    causationId: string,
    manager?: EntityManager,
  ): Promise<OrderResult> {
    const streamId = orderStreamId(orderId);
    return handleCommand(this.dataSource, orderDecider, streamId, command, {
      ...orderCodec,
      toOutbox: (result) => orderMessages(result, streamId, causationId),
      manager,
      maxAttempts: 5,
      // The read model and the deadline timer are written with the events: no
      // runner round per commit, and the timer survives restarts.
      afterAppend: async (tx, result) => {
        const order = result.state;
        if (order.status === "none" || result.events.length === 0) return;
        // A capture stops the deadline's clock: the order then waits only for
        // inventory's answer, which always comes. Confirmation follows a capture,
        // so only other finishes still have a timer to clear.
        const captured = result.events.some((event) => event.type === "PaymentCaptured");
        const confirmed = result.events.some((event) => event.type === "OrderConfirmed");
        const timer =
          captured || (FINAL_STATUSES.includes(order.status) && !confirmed)
            ? this.deadlines.clear(tx, orderId)
            : result.events.some((event) => event.type === "OrderPlaced")
              ? this.deadlines.set(tx, orderId, new Date(order.deadline))
              : undefined;
        // Sent together: one round trip on a pipelining connection.
        await Promise.all([this.view.save(tx, orderId, order, new Date()), timer]);
      },
      // After the commit, not in afterAppend: a rolled-back or retried attempt must not count.
      // Not in the orders_view projection either: a rebuild replays every finish.
      afterCommit: (result) => {
        const finish = finishedOrderOf(result.events, result.state);
        if (finish) this.finished.record(finish);
      },
    });
  }

  async load(orderId: string): Promise<OrderState> {
    const stream = await this.store.readStream(orderStreamId(orderId));
    return stream.events.map(orderCodec.fromStored).reduce(orderDecider.evolve, orderDecider.initialState);
  }
}
