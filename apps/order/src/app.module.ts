import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from "@nestjs/common";
import { TypeOrmModule } from "@nestjs/typeorm";
import { SkeletonEventRecordedV1 } from "@peakshop/contracts";
import { EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import { KafkaPort, PlatformModule, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { SkeletonEventsController } from "./adapters/http/skeleton-events.controller";
import { CreateSkeletonEvents1764050000000 } from "./adapters/persistence/migrations/1764050000000-create-skeleton-events";
import { SkeletonEventEntity } from "./adapters/persistence/skeleton-event.entity";
import { skeletonEventsProjection } from "./adapters/persistence/skeleton-events.projection";
import { RecordSkeletonEventHandler } from "./application/record-skeleton-event.handler";
import type { OrderConfig } from "./config";

export const ORDER_ENTITIES = [SkeletonEventEntity];
export const ORDER_MIGRATIONS = [...EVENTSOURCING_MIGRATIONS, CreateSkeletonEvents1764050000000];
export const ORDER_PROJECTIONS = [skeletonEventsProjection];

@Injectable()
class OrderTopics implements OnApplicationBootstrap {
  constructor(
    private readonly kafka: KafkaPort,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.KAFKA_ENSURE_TOPICS) {
      await this.kafka.ensureTopics([{ topic: SkeletonEventRecordedV1.topic, partitions: 3 }]);
    }
  }
}

@Module({})
export class OrderModule {
  static forRoot(config: OrderConfig): DynamicModule {
    return {
      module: OrderModule,
      imports: [
        PlatformModule.forRoot(config, { entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS }),
        TypeOrmModule.forFeature(ORDER_ENTITIES),
        EventSourcingModule.forRoot({ consumer: "order", projections: ORDER_PROJECTIONS }),
      ],
      controllers: [SkeletonEventsController],
      providers: [RecordSkeletonEventHandler, OrderTopics],
    };
  }
}
