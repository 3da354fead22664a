import { Controller, Inject } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import {
  CheckoutRequestedV1,
  fromKafkaRecord,
  PaymentCapturedV1,
  StockReservedV1,
} from "@peakshop/contracts";
import { ReliableConsumer, type IncomingMessage, type MessageHandler } from "@peakshop/eventsourcing";
import { OrderCommands } from "../../application/order-commands";
import { sagaInput, type DeadlineSettings } from "../../application/saga-inputs";
import { SagaBacklogMonitor } from "../metrics/saga-backlog.monitor";

type SagaInput = NonNullable<ReturnType<typeof sagaInput>> & { causationId: string };

export const DEADLINE_SETTINGS = Symbol("DEADLINE_SETTINGS");

/** The saga's inputs from Kafka: checkouts, stock outcomes, payment outcomes. Each is handled once (inbox). */
@Controller()
export class SagaInputsConsumer {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly orders: OrderCommands,
    private readonly backlog: SagaBacklogMonitor,
    @Inject(DEADLINE_SETTINGS) private readonly settings: DeadlineSettings,
  ) {}

  @EventPattern(CheckoutRequestedV1.topic)
  checkouts(@Payload() messages: IncomingMessage[]): Promise<void> {
    return this.handle(messages);
  }

  @EventPattern(StockReservedV1.topic)
  stockOutcomes(@Payload() messages: IncomingMessage[]): Promise<void> {
    return this.handle(messages);
  }

  @EventPattern(PaymentCapturedV1.topic)
  paymentOutcomes(@Payload() messages: IncomingMessage[]): Promise<void> {
    return this.handle(messages);
  }

  private async handle(messages: IncomingMessage[]): Promise<void> {
    await this.consumer.processBatch(messages, this.sagaInputs);
  }

  private readonly sagaInputs: MessageHandler<SagaInput> = {
    select: (message) => {
      const envelope = fromKafkaRecord(message.headers, message.value);
      if (envelope.type === CheckoutRequestedV1.type) this.backlog.checkoutTaken(envelope.time);
      const input = sagaInput(envelope, this.settings, new Date());
      return input && { ...input, causationId: envelope.id };
    },
    handle: async ({ orderId, command, causationId }, manager) => {
      await this.orders.execute(orderId, command, causationId, manager);
    },
    handleAlone: ({ orderId, command, causationId }, inbox) =>
      this.orders.executeOnce(orderId, command, causationId, inbox),
  };
}
