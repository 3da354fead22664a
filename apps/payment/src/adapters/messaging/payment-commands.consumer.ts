import { Controller } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import {
  AbandonPaymentV1,
  fromKafkaRecord,
  RefundPaymentV1,
  RequestPaymentV1,
  type IntegrationEnvelope,
} from "@peakshop/contracts";
import { ReliableConsumer, type IncomingMessage, type MessageHandler } from "@peakshop/eventsourcing";
import { AbandonPaymentHandler } from "../../application/abandon-payment.handler";
import { RefundPaymentHandler } from "../../application/refund-payment.handler";
import { RequestPaymentHandler } from "../../application/request-payment.handler";

const PAYMENT_COMMAND_TYPES = new Set<string>([
  RequestPaymentV1.type,
  RefundPaymentV1.type,
  AbandonPaymentV1.type,
]);

@Controller()
export class PaymentCommandsConsumer {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly requestPayment: RequestPaymentHandler,
    private readonly refundPayment: RefundPaymentHandler,
    private readonly abandonPayment: AbandonPaymentHandler,
  ) {}

  @EventPattern(RequestPaymentV1.topic)
  async handle(@Payload() messages: IncomingMessage[]): Promise<void> {
    await this.consumer.processBatch(messages, this.commands);
  }

  private readonly commands: MessageHandler<IntegrationEnvelope> = {
    select: (message) => {
      const envelope = fromKafkaRecord(message.headers, message.value);
      return PAYMENT_COMMAND_TYPES.has(envelope.type) ? envelope : undefined;
    },
    handle: async (envelope, manager) => {
      const causation = { correlationId: envelope.correlationId, causationId: envelope.id };
      if (envelope.type === RequestPaymentV1.type)
        await this.requestPayment.handle(manager, envelope.data, causation);
      if (envelope.type === RefundPaymentV1.type)
        await this.refundPayment.handle(manager, envelope.data, causation);
      if (envelope.type === AbandonPaymentV1.type)
        await this.abandonPayment.handle(manager, envelope.data, causation);
    },
  };
}
