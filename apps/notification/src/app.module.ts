import { Module, type DynamicModule } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { PlatformModule } from "@peakshop/platform-nest";
import { ReceivedEventsController } from "./adapters/http/received-events.controller";
import { SkeletonEventsConsumer } from "./adapters/messaging/skeleton-events.consumer";
import { CreateReceivedEvents1764050000000 } from "./adapters/persistence/migrations/1764050000000-create-received-events";
import { ReceivedEventEntity } from "./adapters/persistence/received-event.entity";
import { RecordReceivedEventHandler } from "./application/record-received-event.handler";
import type { NotificationConfig } from "./config";

export const NOTIFICATION_ENTITIES = [ReceivedEventEntity];
export const NOTIFICATION_MIGRATIONS = [CreateReceivedEvents1764050000000];

@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        PlatformModule.forRoot(config, {
          entities: NOTIFICATION_ENTITIES,
          migrations: NOTIFICATION_MIGRATIONS,
        }),
        TypeOrmModule.forFeature(NOTIFICATION_ENTITIES),
      ],
      controllers: [ReceivedEventsController, SkeletonEventsConsumer],
      providers: [RecordReceivedEventHandler],
    };
  }
}
