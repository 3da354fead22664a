import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { deadLetterTopicOf, EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import { KafkaPort, PlatformModule, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { ReceivedEventsController } from "./adapters/http/received-events.controller";
import { SkeletonEventsConsumer } from "./adapters/messaging/skeleton-events.consumer";
import { CreateReceivedEvents1764050000000 } from "./adapters/persistence/migrations/1764050000000-create-received-events";
import { ReceivedEventEntity } from "./adapters/persistence/received-event.entity";
import { RecordReceivedEventHandler } from "./application/record-received-event.handler";
import type { NotificationConfig } from "./config";

export const NOTIFICATION_ENTITIES = [ReceivedEventEntity];
export const NOTIFICATION_MIGRATIONS = [...EVENTSOURCING_MIGRATIONS, CreateReceivedEvents1764050000000];
export const NOTIFICATION_CONSUMER = "notification";

@Injectable()
class NotificationTopics implements OnApplicationBootstrap {
  constructor(
    private readonly kafka: KafkaPort,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.KAFKA_ENSURE_TOPICS) {
      await this.kafka.ensureTopics([{ topic: deadLetterTopicOf(NOTIFICATION_CONSUMER), partitions: 3 }]);
    }
  }
}

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
        EventSourcingModule.forRoot({ consumer: NOTIFICATION_CONSUMER, relay: false }),
      ],
      controllers: [ReceivedEventsController, SkeletonEventsConsumer],
      providers: [RecordReceivedEventHandler, NotificationTopics],
    };
  }
}
