import { Module, type DynamicModule } from "@nestjs/common";
import { CustomerNotifiedV1 } from "@peakshop/contracts";
import { deadLetterTopicOf, EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import {
  ensureTopicsAtStart,
  PlatformModule,
  type DatabaseSettings,
  type ServiceTopics,
} from "@peakshop/platform-nest";
import { DeliveriesWorker } from "./adapters/delivery/deliveries.worker";
import { IncidentRecoveryWorker } from "./adapters/persistence/incident-recovery.worker";
import { AddPaymentRecovery1764310000000 } from "./adapters/persistence/migrations/1764310000000-add-payment-recovery";
import { CreateIncidentUpdates1765300000000 } from "./adapters/persistence/migrations/1765300000000-create-incident-updates";
import { TraceNotificationDeliveries1765400000000 } from "./adapters/persistence/migrations/1765400000000-trace-notification-deliveries";
import { HttpWebhookSender } from "./adapters/delivery/http-webhook.sender";
import { DisabledEmailSender, SmtpEmailSender } from "./adapters/delivery/smtp-email.sender";
import { TemplateCustomerContacts } from "./adapters/delivery/template-customer-contacts";
import { NotificationsController } from "./adapters/http/notifications.controller";
import { StatusController } from "./adapters/http/status.controller";
import { IncidentsController } from "./adapters/http/incidents.controller";
import { CUSTOMER_EVENT_TOPICS, CustomerEventsConsumer } from "./adapters/messaging/customer-events.consumer";
import { DeliveriesRepository } from "./adapters/persistence/deliveries.repository";
import { CreateNotifications1764110000000 } from "./adapters/persistence/migrations/1764110000000-create-notifications";
import { NotificationsRepository } from "./adapters/persistence/notifications.repository";
import { PaymentStatusRepository } from "./adapters/persistence/payment-status.repository";
import { TrackedOrdersRepository } from "./adapters/persistence/tracked-orders.repository";
import {
  Deliveries,
  Notifications,
  PaymentStatusStore,
  TrackedOrders,
} from "./application/notification-store.ports";
import { DeliverNotificationsHandler } from "./application/deliver-notifications.handler";
import {
  CHANNEL_SETTINGS,
  CustomerContacts,
  EmailSender,
  WebhookSender,
} from "./application/delivery-channels.port";
import { NotificationRecorder } from "./application/notification-recorder";
import { NotifyCustomerHandler } from "./application/notify-customer.handler";
import { PostIncidentUpdateHandler } from "./application/post-incident-update.handler";
import { RecordCircuitReportHandler } from "./application/record-circuit-report.handler";
import type { NotificationConfig } from "./config";

export const NOTIFICATION_ENTITIES: DatabaseSettings["entities"] = [];
export const NOTIFICATION_MIGRATIONS = [
  ...EVENTSOURCING_MIGRATIONS,
  CreateNotifications1764110000000,
  AddPaymentRecovery1764310000000,
  CreateIncidentUpdates1765300000000,
  TraceNotificationDeliveries1765400000000,
];
export const NOTIFICATION_CONSUMER = "notification";

/** What notification consumes (the customer-facing events) and writes (CustomerNotified, dead letters). */
export const NOTIFICATION_TOPICS: ServiceTopics = {
  consumes: [...CUSTOMER_EVENT_TOPICS],
  publishes: [CustomerNotifiedV1.topic, deadLetterTopicOf(NOTIFICATION_CONSUMER)],
};

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
        // The relay publishes CustomerNotified from the outbox.
        EventSourcingModule.forRoot({ consumer: NOTIFICATION_CONSUMER }),
      ],
      controllers: [CustomerEventsConsumer, NotificationsController, StatusController, IncidentsController],
      providers: [
        ensureTopicsAtStart(NOTIFICATION_TOPICS),
        NotificationsRepository,
        DeliveriesRepository,
        PaymentStatusRepository,
        TrackedOrdersRepository,
        // The use cases' ports, answered by the same SQL repositories.
        { provide: Notifications, useExisting: NotificationsRepository },
        { provide: Deliveries, useExisting: DeliveriesRepository },
        { provide: PaymentStatusStore, useExisting: PaymentStatusRepository },
        { provide: TrackedOrders, useExisting: TrackedOrdersRepository },
        NotificationRecorder,
        NotifyCustomerHandler,
        RecordCircuitReportHandler,
        PostIncidentUpdateHandler,
        DeliverNotificationsHandler,
        DeliveriesWorker,
        IncidentRecoveryWorker,
        {
          provide: CHANNEL_SETTINGS,
          useValue: { email: Boolean(config.SMTP_URL), webhookUrls: config.WEBHOOK_URLS },
        },
        { provide: CustomerContacts, useValue: new TemplateCustomerContacts(config.CUSTOMER_EMAIL_TEMPLATE) },
        {
          provide: EmailSender,
          useFactory: () =>
            config.SMTP_URL
              ? new SmtpEmailSender(config.SMTP_URL, config.EMAIL_FROM)
              : new DisabledEmailSender(),
        },
        {
          provide: WebhookSender,
          // Without WEBHOOK_URLS no webhook deliveries exist; the secret then only signs leftovers.
          useValue: new HttpWebhookSender(config.WEBHOOK_SECRET ?? "", config.WEBHOOK_TIMEOUT_MS),
        },
      ],
    };
  }
}
