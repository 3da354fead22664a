import { Injectable } from "@nestjs/common";
import { SkeletonEventRecordedV1, type SkeletonEventRecorded } from "@peakshop/contracts";
import { PostgresEventStore } from "@peakshop/eventsourcing";
import { randomUUID } from "node:crypto";

/**
 * Appends the event to its own stream and, in the same statement, the message
 * the outbox relay publishes: the event is stored and will be published, or
 * neither happens.
 */
@Injectable()
export class RecordSkeletonEventHandler {
  constructor(private readonly store: PostgresEventStore) {}

  async execute(message: string): Promise<SkeletonEventRecorded> {
    const event = SkeletonEventRecordedV1.schema.parse({
      eventId: randomUUID(),
      message,
      recordedAt: new Date().toISOString(),
    });
    await this.store.append(
      `skeleton-${event.eventId}`,
      0,
      [{ id: event.eventId, type: SkeletonEventRecordedV1.type, data: event }],
      {
        outbox: [
          {
            topic: SkeletonEventRecordedV1.topic,
            key: event.eventId,
            value: JSON.stringify(event),
            headers: {
              ce_specversion: "1.0",
              ce_id: event.eventId,
              ce_type: SkeletonEventRecordedV1.type,
              ce_source: "peakshop/order",
              ce_time: event.recordedAt,
              "content-type": "application/json",
            },
          },
        ],
      },
    );
    return event;
  }
}
