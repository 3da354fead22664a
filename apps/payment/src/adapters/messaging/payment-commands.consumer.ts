import { Controller } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import {
  AbandonPaymentV1,
  fromKafkaRecord,
  RefundPaymentV1,
  RequestPaymentV1,
  type IntegrationEnvelope,
} from "@peakshop/contracts";
import {
  ReliableConsumer,
  type IncomingMessage,
  type InboxOutcome,
  type MessageHandler,
} from "@peakshop/eventsourcing";
import { AbandonPaymentHandler } from "../../application/abandon-payment.handler";
import type { ConsumedIn } from "../../application/payment-commands";
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
      await this.dispatch(envelope, { manager });
    },
    handleAlone: (envelope, inbox) => this.dispatch(envelope, { inbox }),
  };

  private dispatch(envelope: IntegrationEnvelope, within: ConsumedIn): Promise<InboxOutcome | undefined> {
    const causation = { correlationId: envelope.correlationId, causationId: envelope.id };
    if (envelope.type === RequestPaymentV1.type)
      return this.requestPayment.handle(envelope.data, causation, within);
    if (envelope.type === RefundPaymentV1.type)
      return this.refundPayment.handle(envelope.data, causation, within);
    if (envelope.type === AbandonPaymentV1.type)
      return this.abandonPayment.handle(envelope.data, causation, within);
    throw new Error(`not a payment command: ${envelope.type}`);
  }
}
