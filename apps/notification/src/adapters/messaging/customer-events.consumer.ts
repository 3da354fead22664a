import { Controller } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import {
  BankCircuitOpenedV1,
  fromKafkaRecord,
  OrderPlacedV1,
  PaymentRetryScheduledV1,
} from "@peakshop/contracts";
import { ReliableConsumer, type IncomingMessage, type MessageHandler } from "@peakshop/eventsourcing";
import { customerFacingOf, type CustomerFacing } from "../../application/customer-facts";
import type { SourceEvent } from "../../application/notification-recorder";
import { NotifyCustomerHandler } from "../../application/notify-customer.handler";
import { RecordCircuitReportHandler } from "../../application/record-circuit-report.handler";

/** Topics whose events a customer hears about; every message type on them is read, most are ignored. */
export const CUSTOMER_EVENT_TOPICS = [
  OrderPlacedV1.topic,
  PaymentRetryScheduledV1.topic,
  BankCircuitOpenedV1.topic,
];

/**
 * Order and payment events and the bank's circuit reports, each handled once
 * (inbox); a malformed or unknown message goes to the dead-letter topic.
 */
@Controller()
export class CustomerEventsConsumer {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly notify: NotifyCustomerHandler,
    private readonly circuit: RecordCircuitReportHandler,
  ) {}

  @EventPattern(OrderPlacedV1.topic)
  orderEvents(@Payload() messages: IncomingMessage[]): Promise<void> {
    return this.handle(messages);
  }

  @EventPattern(PaymentRetryScheduledV1.topic)
  paymentEvents(@Payload() messages: IncomingMessage[]): Promise<void> {
    return this.handle(messages);
  }

  @EventPattern(BankCircuitOpenedV1.topic)
  bankGatewayEvents(@Payload() messages: IncomingMessage[]): Promise<void> {
    return this.handle(messages);
  }

  private async handle(messages: IncomingMessage[]): Promise<void> {
    await this.consumer.processBatch(messages, this.customerFacing);
  }

  private readonly customerFacing: MessageHandler<CustomerFacing & { source: SourceEvent }> = {
    select: (message) => {
      const envelope = fromKafkaRecord(message.headers, message.value);
      const facing = customerFacingOf(envelope);
      return facing
        ? { ...facing, source: { eventId: envelope.id, correlationId: envelope.correlationId } }
        : undefined;
    },
    handle: async (facing, manager) => {
      if (facing.type === "order") await this.notify.execute(manager, facing.fact, facing.source);
      else await this.circuit.execute(manager, facing.report, facing.source);
    },
    // Circuit reports are rare and read and write more: they keep the transaction.
    handleAlone: async (facing, inbox) =>
      facing.type === "order" ? this.notify.executeOnce(facing.fact, facing.source, inbox) : undefined,
  };
}
