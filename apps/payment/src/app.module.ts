import { Module, type DynamicModule } from "@nestjs/common";
import { BankCircuitOpenedV1, PaymentCapturedV1, RequestPaymentV1 } from "@peakshop/contracts";
import { deadLetterTopicOf, EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import { ensureTopicsAtStart, PlatformModule, type ServiceTopics } from "@peakshop/platform-nest";
import { BankHealthRecorder } from "./adapters/bank/bank-health.recorder";
import { BankHealthWindow } from "./adapters/bank/bank-health-window";
import { HttpBankGateway } from "./adapters/bank/http-bank-gateway";
import { PaymentAttemptsWorker } from "./adapters/bank/payment-attempts.worker";
import { BankHealthController } from "./adapters/http/bank-health.controller";
import { PaymentsController } from "./adapters/http/payments.controller";
import { PaymentCommandsConsumer } from "./adapters/messaging/payment-commands.consumer";
import { BankGatewayMetrics } from "./adapters/metrics/bank-gateway.metrics";
import { PaymentAttemptsMetrics } from "./adapters/metrics/payment-attempts.metrics";
import { CreatePaymentSchedule1764070000000 } from "./adapters/persistence/migrations/1764070000000-create-payment-schedule";
import { TracePaymentSchedule1765200000000 } from "./adapters/persistence/migrations/1765200000000-trace-payment-schedule";
import { PostgresPaymentSchedule } from "./adapters/persistence/postgres-payment-schedule";
import { BankGateway } from "./application/bank-gateway.port";
import { PaymentCommands } from "./application/payment-commands";
import { PaymentSchedule } from "./application/payment-schedule.port";
import { AbandonPaymentHandler } from "./application/abandon-payment.handler";
import { ProcessDueWork, RETRY_POLICY, type DueWorkPolicy } from "./application/process-due-work";
import { RefundPaymentHandler } from "./application/refund-payment.handler";
import { RequestPaymentHandler } from "./application/request-payment.handler";
import type { PaymentConfig } from "./config";

export const PAYMENT_CONSUMER = "payment";

/** What payment consumes (payment requests) and writes (payment outcomes, circuit reports, dead letters). */
export const PAYMENT_TOPICS: ServiceTopics = {
  consumes: [RequestPaymentV1.topic],
  publishes: [PaymentCapturedV1.topic, BankCircuitOpenedV1.topic, deadLetterTopicOf(PAYMENT_CONSUMER)],
};
export const PAYMENT_ENTITIES = [];
export const PAYMENT_MIGRATIONS = [
  ...EVENTSOURCING_MIGRATIONS,
  CreatePaymentSchedule1764070000000,
  TracePaymentSchedule1765200000000,
];

@Module({})
export class PaymentModule {
  static forRoot(config: PaymentConfig): DynamicModule {
    return {
      module: PaymentModule,
      imports: [
        PlatformModule.forRoot(config, { entities: PAYMENT_ENTITIES, migrations: PAYMENT_MIGRATIONS }),
        EventSourcingModule.forRoot({ consumer: PAYMENT_CONSUMER }),
      ],
      controllers: [PaymentsController, BankHealthController, PaymentCommandsConsumer],
      providers: [
        ensureTopicsAtStart(PAYMENT_TOPICS),
        PaymentCommands,
        RequestPaymentHandler,
        RefundPaymentHandler,
        AbandonPaymentHandler,
        BankHealthRecorder,
        { provide: BankHealthWindow, useFactory: () => new BankHealthWindow() },
        BankGatewayMetrics,
        PaymentAttemptsMetrics,
        PaymentAttemptsWorker,
        { provide: PaymentSchedule, useClass: PostgresPaymentSchedule },
        {
          provide: RETRY_POLICY,
          useValue: {
            baseDelayMs: config.RETRY_BASE_DELAY_MS,
            maxDelayMs: config.RETRY_MAX_DELAY_MS,
            bankMaxProcessingMs: config.BANK_MAX_PROCESSING_MS,
          },
        },
        {
          provide: BankGateway,
          inject: [BankHealthRecorder, BankGatewayMetrics, BankHealthWindow],
          useFactory: (health: BankHealthRecorder, metrics: BankGatewayMetrics, recent: BankHealthWindow) =>
            new HttpBankGateway(
              {
                baseUrl: config.BANK_URL.replace(/\/$/, ""),
                timeoutMs: config.BANK_TIMEOUT_MS,
                maxConcurrency: config.BANK_MAX_CONCURRENCY,
                breakerThreshold: config.BANK_BREAKER_THRESHOLD,
                halfOpenAfterMs: config.BANK_BREAKER_HALF_OPEN_MS,
              },
              {
                circuitChanged: (change) => {
                  metrics.circuitChanged(change);
                  recent.circuitChanged(
                    change.state,
                    new Date(),
                    change.state === "open" ? change.reason : undefined,
                  );
                  health.record(change, recent.view().recent.errorRate);
                },
                requestFinished: (operation, outcome, seconds) => {
                  metrics.requestFinished(operation, outcome, seconds);
                  recent.requestFinished(outcome);
                },
              },
            ),
        },
        {
          provide: ProcessDueWork,
          inject: [PaymentCommands, PaymentSchedule, BankGateway, RETRY_POLICY],
          useFactory: (
            payments: PaymentCommands,
            schedule: PaymentSchedule,
            bank: BankGateway,
            policy: DueWorkPolicy,
          ) => new ProcessDueWork(payments, schedule, bank, policy),
        },
      ],
    };
  }
}
