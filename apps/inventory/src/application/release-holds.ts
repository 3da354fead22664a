import { enqueueOutbox } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";
import type { ReservationEvent } from "../domain/reservation.events";
import type { InventoryStore, ReservationRecord } from "./inventory-store.port";
import { stockEventRecord } from "./stock-event.records";
import type { Causation } from "@peakshop/contracts";

export interface HoldRelease {
  record: ReservationRecord;
  event: Extract<ReservationEvent, { type: "StockReleased" }>;
  cause: Causation;
}

/**
 * Gives released holds' items back to their buckets and records the
 * transitions with their StockReleased messages, in the caller's transaction
 * (which has the reservation rows locked). Shared by ReleaseStock and expiry.
 */
export async function releaseHolds(
  store: InventoryStore,
  manager: EntityManager,
  releases: readonly HoldRelease[],
  now: Date,
) {
  if (releases.length === 0) return;
  await store.returnAllocations(
    manager,
    releases.map(({ record }) => record.orderId),
  );
  const messages = releases.map(({ record, event, cause }) => ({
    record,
    event,
    message: stockEventRecord(event, record.version + 1, cause),
  }));
  await store.saveTransitions(
    manager,
    messages.map(({ record, event, message }) => ({
      orderId: record.orderId,
      status: "released",
      releaseReason: event.reason,
      messageId: message.id,
    })),
    now,
  );
  await enqueueOutbox(
    manager,
    messages.map(({ message }) => message.record),
  );
}
