import type { DataSource, EntityManager } from "typeorm";
import { decide } from "../domain/reservation.decider";
import type { CancellationReason } from "../domain/stock-line";
import type { InventoryStore } from "./inventory-store.port";
import { stateOf } from "./reservation-record";
import type { Causation } from "@peakshop/contracts";
import { releaseHolds } from "./release-holds";
import { inTransaction, systemClock, type Clock } from "./transaction";

export interface ReleaseStockRequest extends Causation {
  orderId: string;
  reason: CancellationReason;
}

export type ReleaseOutcome = "released" | "nothing-held";

/**
 * ReleaseStock: puts a live hold's items back on sale and publishes
 * StockReleased. Nothing happens when the order holds nothing (never
 * reserved, rejected, already released or committed).
 */
export class ReleaseStockHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
    private readonly clock: Clock = systemClock,
  ) {}

  execute(request: ReleaseStockRequest, manager?: EntityManager): Promise<ReleaseOutcome> {
    return inTransaction(this.dataSource, manager, async (tx) => {
      const record = await this.store.findReservation(tx, request.orderId, { forUpdate: true });
      const now = this.clock();
      const [event] = decide(
        { type: "ReleaseStock", orderId: request.orderId, reason: request.reason, at: now },
        stateOf(record),
      );
      if (!record || event?.type !== "StockReleased") return "nothing-held";
      await releaseHolds(this.store, tx, [{ record, event, cause: request }], now);
      return "released";
    });
  }
}
