import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import type { SkeletonEventRecorded } from "@peakshop/contracts";
import type { EntityManager, Repository } from "typeorm";
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

  /**
   * Records the event inside the consumer's inbox transaction. The inbox drops
   * redeliveries; the key also drops the same event republished under a new
   * message id.
   */
  async execute(
    manager: EntityManager,
    event: SkeletonEventRecorded,
    position: KafkaPosition,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReceivedEventEntity)
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
  }

  find(eventId: string): Promise<ReceivedEventEntity | null> {
    return this.received.findOneBy({ eventId });
  }
}
