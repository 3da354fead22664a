import { Controller, Logger } from "@nestjs/common";
import { Ctx, EventPattern, KafkaContext, Payload } from "@nestjs/microservices";
import { SkeletonEventRecordedV1 } from "@peakshop/contracts";
import { incomingMessageOf } from "@peakshop/platform-nest";
import { RecordReceivedEventHandler } from "../../application/record-received-event.handler";

@Controller()
export class SkeletonEventsConsumer {
  private readonly logger = new Logger(SkeletonEventsConsumer.name);

  constructor(private readonly record: RecordReceivedEventHandler) {}

  @EventPattern(SkeletonEventRecordedV1.topic)
  async handle(@Payload() _payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const message = incomingMessageOf(context);
    const event = SkeletonEventRecordedV1.schema.parse(JSON.parse(message.value?.toString() ?? "null"));
    const position = { partition: message.partition, offset: message.offset };
    const recorded = await this.record.execute(event, position);
    this.logger.log({ eventId: event.eventId, duplicate: !recorded, ...position }, "skeleton event received");
  }
}
