import { Controller } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import { SkeletonEventRecordedV1 } from "@peakshop/contracts";
import { everyMessage, ReliableConsumer, type IncomingMessage } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";
import { RecordReceivedEventHandler } from "../../application/record-received-event.handler";

@Controller()
export class SkeletonEventsConsumer {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly record: RecordReceivedEventHandler,
  ) {}

  /** Effectively once (inbox); a malformed event goes to the dead-letter topic. */
  @EventPattern(SkeletonEventRecordedV1.topic)
  async handle(@Payload() messages: IncomingMessage[]): Promise<void> {
    await this.consumer.processBatch(
      messages,
      everyMessage((message: IncomingMessage, manager: EntityManager) => {
        const event = SkeletonEventRecordedV1.schema.parse(JSON.parse(message.value?.toString() ?? "null"));
        return this.record.execute(manager, event, { partition: message.partition, offset: message.offset });
      }),
    );
  }
}
