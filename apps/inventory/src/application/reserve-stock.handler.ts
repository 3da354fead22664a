import { enqueueOutbox } from "@peakshop/eventsourcing";
import type { DataSource, EntityManager } from "typeorm";
import { decide } from "../domain/reservation.decider";
import type { StockLine } from "../domain/stock-line";
import type { InventoryStore, TakePath } from "./inventory-store.port";
import { stateOf } from "./reservation-record";
import { stockEventRecord } from "./stock-event.records";
import type { Causation } from "@peakshop/contracts";
import { inTransaction, systemClock, type Clock } from "./transaction";

export interface ReserveStockRequest extends Causation {
  orderId: string;
  /** One line per SKU. */
  items: readonly StockLine[];
  holdUntil: Date;
}

export type ReserveOutcome = "reserved" | "rejected" | "duplicate";

export interface ReserveStockOptions {
  clock?: Clock;
  /** Reports which path each line took through the buckets (for measurements). */
  onTake?: (path: TakePath) => void;
}

/**
 * ReserveStock: holds every line or none, in one transaction with the
 * reservation row and the StockReserved/StockRejected message. A second
 * ReserveStock for the same order answers nothing: the first outcome stands.
 * Exported so benchmarks can drive it without Kafka.
 */
export class ReserveStockHandler {
  private readonly clock: Clock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
    private readonly options: ReserveStockOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  execute(request: ReserveStockRequest, manager?: EntityManager): Promise<ReserveOutcome> {
    return inTransaction(this.dataSource, manager, (tx) => this.reserve(tx, request));
  }

  private async reserve(manager: EntityManager, request: ReserveStockRequest): Promise<ReserveOutcome> {
    const state = stateOf(await this.store.findReservation(manager, request.orderId));
    // Decided before: the domain answers nothing new, so don't touch the stock.
    if (state.status !== "none") return "duplicate";
    const now = this.clock();
    const { allocations, shortages } = await this.store.holdLines(manager, request.items, {
      onTake: this.options.onTake,
    });
    const [event] = decide(
      {
        type: "ReserveStock",
        orderId: request.orderId,
        lines: request.items,
        holdUntil: request.holdUntil,
        shortages,
        at: now,
      },
      state,
    );
    if (event?.type !== "StockReserved" && event?.type !== "StockRejected") {
      throw new Error(`ReserveStock for ${request.orderId} decided ${event?.type ?? "nothing"}`);
    }
    const message = stockEventRecord(event, 1, request);
    await this.store.insertReservation(
      manager,
      {
        orderId: request.orderId,
        status: event.type === "StockReserved" ? "held" : "rejected",
        lines: [...request.items],
        unavailable: event.type === "StockRejected" ? [...event.unavailable] : null,
        holdUntil: request.holdUntil,
        version: 1,
        correlationId: request.correlationId,
        lastMessageId: message.id,
      },
      allocations,
      now,
    );
    await enqueueOutbox(manager, [message.record]);
    return event.type === "StockReserved" ? "reserved" : "rejected";
  }
}
