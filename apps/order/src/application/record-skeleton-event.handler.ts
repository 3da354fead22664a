import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { SkeletonEventRecordedV1, type SkeletonEventRecorded } from "@peakshop/contracts";
import { KafkaPort } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";
import type { Repository } from "typeorm";
import { SkeletonEventEntity } from "../adapters/persistence/skeleton-event.entity";

/**
 * Stores the event, then publishes it keyed by its id. If publishing fails the
 * row stays unpublished and the caller gets the error; the transactional
 * outbox of the event-sourcing core replaces this two-step write.
 */
@Injectable()
export class RecordSkeletonEventHandler {
  constructor(
    @InjectRepository(SkeletonEventEntity) private readonly events: Repository<SkeletonEventEntity>,
    private readonly kafka: KafkaPort,
  ) {}

  async execute(message: string): Promise<SkeletonEventRecorded> {
    const event = SkeletonEventRecordedV1.schema.parse({
      eventId: randomUUID(),
      message,
      recordedAt: new Date().toISOString(),
    });
    await this.events.insert({ ...event, recordedAt: new Date(event.recordedAt), publishedAt: null });
    await this.kafka.publish([
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
        },
      },
    ]);
    await this.events.update({ eventId: event.eventId }, { publishedAt: new Date() });
    return event;
  }
}
