import { SkeletonEventRecordedV1, type SkeletonEventRecorded } from "@peakshop/contracts";
import type { Projection, RecordedEvent } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";

/** Keeps skeleton_events from the event store; rebuildable with `cli projections rebuild skeleton-events`. */
export const skeletonEventsProjection: Projection = {
  name: "skeleton-events",
  handles: [SkeletonEventRecordedV1.type],
  async apply(event: RecordedEvent, manager: EntityManager) {
    const data = event.data as SkeletonEventRecorded;
    await manager.query(
      `INSERT INTO skeleton_events (event_id, message, recorded_at) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`,
      [data.eventId, data.message, data.recordedAt],
    );
  },
  async reset(manager: EntityManager) {
    await manager.query(`TRUNCATE skeleton_events`);
  },
};
