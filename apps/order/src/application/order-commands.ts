import { Injectable } from "@nestjs/common";
import {
  handleCommand,
  handleCommandOnce,
  PostgresEventStore,
  type CommandResult,
  type InboxEntry,
  type InboxOutcome,
  type SqlStatement,
} from "@peakshop/eventsourcing";
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
 * statement, and tell FinishedOrders once the order's final event is committed.
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
      ...this.optionsFor(orderId, causationId),
      manager,
    });
  }

  /** execute for a consumed message, recorded in the inbox without a transaction (see handleCommandOnce). */
  executeOnce(
    orderId: string,
    command: OrderCommand,
    causationId: string,
    inbox: InboxEntry,
  ): Promise<InboxOutcome | undefined> {
    const streamId = orderStreamId(orderId);
    return handleCommandOnce(
      this.dataSource,
      orderDecider,
      streamId,
      command,
      inbox,
      this.optionsFor(orderId, causationId),
    );
  }

  private optionsFor(orderId: string, causationId: string) {
    const streamId = orderStreamId(orderId);
    return {
      ...orderCodec,
      toOutbox: (result: OrderResult) => orderMessages(result, streamId, causationId),
      maxAttempts: 5,
      // The read model and the deadline timer are written with the events: no
      // runner round per commit, and the timer survives restarts.
      alsoWrite: (result: OrderResult): SqlStatement[] => {
        const order = result.state;
        const view = this.view.upsert(orderId, order, new Date());
        if (!view || order.status === "none") return [];
        // A capture stops the deadline's clock: the order then waits only for
        // inventory's answer, which always comes. Confirmation follows a capture,
        // so only other finishes still have a timer to clear.
        const captured = result.events.some((event) => event.type === "PaymentCaptured");
        const confirmed = result.events.some((event) => event.type === "OrderConfirmed");
        const timer =
          captured || (FINAL_STATUSES.includes(order.status) && !confirmed)
            ? this.deadlines.clear(orderId)
            : result.events.some((event) => event.type === "OrderPlaced")
              ? this.deadlines.set(orderId, new Date(order.deadline))
              : undefined;
        return timer ? [view, timer] : [view];
      },
      // After the commit, not in alsoWrite: a rolled-back or retried attempt must not count.
      // Not in the orders_view projection either: a rebuild replays every finish.
      afterCommit: (result: OrderResult) => {
        const finish = finishedOrderOf(result.events, result.state);
        if (finish) this.finished.record(finish);
      },
    };
  }

  async load(orderId: string): Promise<OrderState> {
    const stream = await this.store.readStream(orderStreamId(orderId));
    return stream.events.map(orderCodec.fromStored).reduce(orderDecider.evolve, orderDecider.initialState);
  }
}
