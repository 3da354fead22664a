import { Controller } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import { fromKafkaRecord, RefundPaymentV1, RequestPaymentV1 } from "@peakshop/contracts";
import { ReliableConsumer, type IncomingMessage } from "@peakshop/eventsourcing";
import { RefundPaymentHandler } from "../../application/refund-payment.handler";
import { RequestPaymentHandler } from "../../application/request-payment.handler";

@Controller()
export class PaymentCommandsConsumer {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly requestPayment: RequestPaymentHandler,
    private readonly refundPayment: RefundPaymentHandler,
  ) {}

  @EventPattern(RequestPaymentV1.topic)
  async handle(@Payload() messages: IncomingMessage[]): Promise<void> {
    await this.consumer.processBatch(messages, async (message, manager) => {
      const envelope = fromKafkaRecord(message.headers, message.value);
      const causation = { correlationId: envelope.correlationId, causationId: envelope.id };
      if (envelope.type === RequestPaymentV1.type)
        await this.requestPayment.handle(manager, envelope.data, causation);
      if (envelope.type === RefundPaymentV1.type)
        await this.refundPayment.handle(manager, envelope.data, causation);
    });
  }
}
