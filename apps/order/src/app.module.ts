import { Module, type DynamicModule } from "@nestjs/common";
import {
  CheckoutRequestedV1,
  OrderPlacedV1,
  PaymentCapturedV1,
  RequestPaymentV1,
  ReserveStockV1,
  StockReservedV1,
} from "@peakshop/contracts";
import { deadLetterTopicOf, EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import {
  ensureTopicsAtStart,
  PlatformModule,
  type DatabaseSettings,
  type ServiceTopics,
} from "@peakshop/platform-nest";
import { OrdersController } from "./adapters/http/orders.controller";
import { OrdersOverviewController } from "./adapters/http/orders-overview.controller";
import { SagaBacklogController } from "./adapters/http/saga-backlog.controller";
import { DEADLINE_SETTINGS, SagaInputsConsumer } from "./adapters/messaging/saga-inputs.consumer";
import { FinishedOrdersMetrics } from "./adapters/metrics/finished-orders.metrics";
import { OpenOrdersMetrics } from "./adapters/metrics/open-orders.metrics";
import { SagaBacklogMonitor } from "./adapters/metrics/saga-backlog.monitor";
import { DeadlinesWorker } from "./adapters/persistence/deadlines.worker";
import { CreateOrders1764080000000 } from "./adapters/persistence/migrations/1764080000000-create-orders";
import { IndexOpenOrders1764090000000 } from "./adapters/persistence/migrations/1764090000000-index-open-orders";
import { ordersViewProjection, PostgresOrdersView } from "./adapters/persistence/orders-view.projection";
import { PostgresOrderDeadlines } from "./adapters/persistence/postgres-order-deadlines";
import { FinishedOrders } from "./application/finished-orders.port";
import { OrderCommands } from "./application/order-commands";
import { OrderDeadlines } from "./application/order-deadlines.port";
import { OrdersView } from "./application/orders-view.port";
import type { OrderConfig } from "./config";

export const ORDER_CONSUMER = "order";
export const ORDER_ENTITIES: DatabaseSettings["entities"] = [];
export const ORDER_MIGRATIONS = [
  ...EVENTSOURCING_MIGRATIONS,
  CreateOrders1764080000000,
  IndexOpenOrders1764090000000,
];
export const ORDER_PROJECTIONS = [ordersViewProjection];

/** What order consumes (the saga's inputs) and writes (its commands and events, its dead letters). */
export const ORDER_TOPICS: ServiceTopics = {
  consumes: [CheckoutRequestedV1.topic, StockReservedV1.topic, PaymentCapturedV1.topic],
  publishes: [
    OrderPlacedV1.topic,
    ReserveStockV1.topic,
    RequestPaymentV1.topic,
    deadLetterTopicOf(ORDER_CONSUMER),
  ],
};

@Module({})
export class OrderModule {
  static forRoot(config: OrderConfig): DynamicModule {
    return {
      module: OrderModule,
      imports: [
        PlatformModule.forRoot(config, { entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS }),
        EventSourcingModule.forRoot({ consumer: ORDER_CONSUMER, projections: ORDER_PROJECTIONS }),
      ],
      controllers: [OrdersController, OrdersOverviewController, SagaBacklogController, SagaInputsConsumer],
      providers: [
        ensureTopicsAtStart(ORDER_TOPICS),
        OrderCommands,
        DeadlinesWorker,
        { provide: OrderDeadlines, useClass: PostgresOrderDeadlines },
        { provide: OrdersView, useClass: PostgresOrdersView },
        { provide: FinishedOrders, useClass: FinishedOrdersMetrics },
        OpenOrdersMetrics,
        SagaBacklogMonitor,
        {
          provide: DEADLINE_SETTINGS,
          useValue: {
            paymentDeadlineMs: config.PAYMENT_DEADLINE_MS,
            stockHoldMarginMs: config.STOCK_HOLD_MARGIN_MS,
          },
        },
      ],
    };
  }
}
