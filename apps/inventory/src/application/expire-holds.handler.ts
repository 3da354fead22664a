import type { DataSource } from "typeorm";
import { decide } from "../domain/reservation.decider";
import type { InventoryStore } from "./inventory-store.port";
import { stateOf } from "./reservation-record";
import { releaseHolds, type HoldRelease } from "./release-holds";
import { inTransaction, systemClock, type Clock } from "./transaction";

/**
 * Expiry: releases holds whose holdUntil has passed, publishing StockReleased
 * with reason "hold-expired". Driven by the reservations table, not by timers,
 * so holds that fell due while no instance ran are released at the next sweep.
 */
export class ExpireHoldsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /** One sweep of at most `limit` due holds, in one transaction; returns how many were released. */
  execute(limit: number): Promise<number> {
    return inTransaction(this.dataSource, undefined, async (manager) => {
      const now = this.clock();
      const due = await this.store.claimDueHolds(manager, now, limit);
      const releases: HoldRelease[] = due.flatMap((record) =>
        decide({ type: "ExpireHold", orderId: record.orderId, at: now }, stateOf(record)).flatMap((event) =>
          event.type === "StockReleased"
            ? [
                {
                  record,
                  event,
                  cause: { correlationId: record.correlationId, causationId: record.lastMessageId },
                },
              ]
            : [],
        ),
      );
      await releaseHolds(this.store, manager, releases, now);
      return releases.length;
    });
  }
}
