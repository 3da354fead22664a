import { Controller, Logger } from "@nestjs/common";
import { Ctx, EventPattern, KafkaContext, Payload } from "@nestjs/microservices";
import { SkeletonEventRecordedV1 } from "@peakshop/contracts";
import { RecordReceivedEventHandler } from "../../application/record-received-event.handler";

@Controller()
export class SkeletonEventsConsumer {
  private readonly logger = new Logger(SkeletonEventsConsumer.name);

  constructor(private readonly record: RecordReceivedEventHandler) {}

  @EventPattern(SkeletonEventRecordedV1.topic)
  async handle(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const event = SkeletonEventRecordedV1.schema.parse(payload);
    const position = { partition: context.getPartition(), offset: context.getMessage().offset };
    const recorded = await this.record.execute(event, position);
    this.logger.log({ eventId: event.eventId, duplicate: !recorded, ...position }, "skeleton event received");
  }
}
