import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from "@nestjs/common";
import { KafkaPort, SERVICE_CONFIG, type ServiceConfig } from "@peakshop/platform-nest";
import { Registry } from "prom-client";
import { DataSource } from "typeorm";
import { ReliableConsumer } from "../consumer/reliable-consumer";
import { DEAD_LETTER_CONSUMER, DeadLettersController } from "./dead-letters.controller";
import { EventSourcingMetrics } from "./eventsourcing.metrics";
import { InboxRetentionWorker } from "./inbox-retention.worker";
import { OutboxRelay, type OutboxRelayOptions } from "../outbox/outbox-relay";
import type { Projection } from "../projections/projection";
import { ProjectionRunner } from "../projections/projection-runner";
import { PostgresEventStore } from "../store/postgres-event-store";

export interface EventSourcingSettings {
  /** The service's consumer name: its inbox scope and dead-letter topic prefix. */
  consumer?: string;
  /** Read models this service keeps. */
  projections?: Projection[];
  /** Run the outbox relay in this process (default true). */
  relay?: boolean | OutboxRelayOptions;
}

const SETTINGS = Symbol("EVENT_SOURCING_SETTINGS");

/** Starts the relay and projections once the app is up; stops them, finishing the batch in hand, before the database closes. */
@Injectable()
class EventSourcingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger("EventSourcing");

  constructor(
    @Inject(SETTINGS) private readonly settings: EventSourcingSettings,
    private readonly relay: OutboxRelay,
    private readonly projections: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.relay !== false) this.relay.start();
    if (this.settings.projections?.length) this.projections.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.projections.stop()]);
    this.logger.log("outbox relay and projections stopped");
  }
}

/**
 * Nest wiring for the event-sourcing core: the event store, the outbox relay,
 * the projection runner and the reliable consumer, on the service's own
 * TypeORM data source and Kafka port; dead letters and the outbox backlog are
 * reported on the service's metrics registry.
 */
@Module({})
export class EventSourcingModule {
  static forRoot(settings: EventSourcingSettings = {}): DynamicModule {
    const logger = new Logger("EventSourcing");
    const relayOptions = typeof settings.relay === "object" ? settings.relay : {};
    return {
      module: EventSourcingModule,
      global: true,
      // A consuming service's dead letters, for the operator console.
      controllers: settings.consumer ? [DeadLettersController] : [],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: DEAD_LETTER_CONSUMER, useValue: settings.consumer ?? "unnamed" },
        {
          provide: PostgresEventStore,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new PostgresEventStore(dataSource),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, KafkaPort, SERVICE_CONFIG],
          useFactory: (dataSource: DataSource, kafka: KafkaPort, config: Partial<ServiceConfig>) =>
            new OutboxRelay(dataSource, kafka, {
              ...(config.OUTBOX_LINGER_MS === undefined ? {} : { lingerMs: config.OUTBOX_LINGER_MS }),
              onError: (error) => logger.warn({ err: error }, "outbox relay round failed; retrying"),
              ...relayOptions,
            }),
        },
        {
          provide: ProjectionRunner,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new ProjectionRunner(dataSource, settings.projections ?? [], {
              onError: (projection, error) =>
                logger.warn({ err: error, projection }, "projection batch failed; retrying"),
            }),
        },
        {
          provide: EventSourcingMetrics,
          inject: [Registry, DataSource],
          useFactory: (registry: Registry, dataSource: DataSource) =>
            new EventSourcingMetrics(registry, dataSource, settings.consumer ?? "unnamed"),
        },
        {
          provide: ReliableConsumer,
          inject: [DataSource, KafkaPort, EventSourcingMetrics],
          useFactory: (dataSource: DataSource, kafka: KafkaPort, metrics: EventSourcingMetrics) =>
            new ReliableConsumer(dataSource, kafka, {
              consumer: settings.consumer ?? "unnamed",
              onReceived: (message) => metrics.received(message),
              onDeadLetter: (message, error) => {
                metrics.deadLettered(message);
                logger.error(
                  {
                    err: error,
                    topic: message.topic,
                    offset: message.offset,
                    messageId: message.headers["ce_id"],
                  },
                  "message dead-lettered",
                );
              },
            }),
        },
        EventSourcingLifecycle,
        InboxRetentionWorker,
      ],
      exports: [PostgresEventStore, OutboxRelay, ProjectionRunner, ReliableConsumer],
    };
  }
}
