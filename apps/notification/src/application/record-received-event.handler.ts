import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import type { SkeletonEventRecorded } from "@peakshop/contracts";
import type { Repository } from "typeorm";
import { ReceivedEventEntity } from "../adapters/persistence/received-event.entity";

export interface KafkaPosition {
  partition: number;
  offset: string;
}

@Injectable()
export class RecordReceivedEventHandler {
  constructor(
    @InjectRepository(ReceivedEventEntity) private readonly received: Repository<ReceivedEventEntity>,
  ) {}

  /** Records the event once; a redelivered copy changes nothing (returns false). */
  async execute(event: SkeletonEventRecorded, position: KafkaPosition): Promise<boolean> {
    const result = await this.received
      .createQueryBuilder()
      .insert()
      .values({
        eventId: event.eventId,
        message: event.message,
        recordedAt: new Date(event.recordedAt),
        receivedAt: new Date(),
        partition: position.partition,
        offset: position.offset,
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  find(eventId: string): Promise<ReceivedEventEntity | null> {
    return this.received.findOneBy({ eventId });
  }
}
