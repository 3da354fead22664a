import { Controller } from "@nestjs/common";
import { EventPattern, Payload } from "@nestjs/microservices";
import {
  CommitStockV1,
  fromKafkaRecord,
  ReleaseStockV1,
  ReserveStockV1,
  type IntegrationEnvelope,
} from "@peakshop/contracts";
import { ReliableConsumer, type IncomingMessage, type MessageHandler } from "@peakshop/eventsourcing";
import type { EntityManager } from "typeorm";
import { CommitStockHandler } from "../../application/commit-stock.handler";
import { ReleaseStockHandler } from "../../application/release-stock.handler";
import { ReserveStockHandler } from "../../application/reserve-stock.handler";

const STOCK_COMMAND_TYPES = new Set<string>([ReserveStockV1.type, ReleaseStockV1.type, CommitStockV1.type]);

/**
 * Consumes inventory.stock.commands.v1. Each command runs inside the inbox
 * transaction (a redelivered message changes nothing); a message that breaks
 * its contract goes to inventory.dead-letters.v1.
 */
@Controller()
export class StockCommandsConsumer {
  constructor(
    private readonly consumer: ReliableConsumer,
    private readonly reserve: ReserveStockHandler,
    private readonly release: ReleaseStockHandler,
    private readonly commit: CommitStockHandler,
  ) {}

  @EventPattern(ReserveStockV1.topic)
  async handle(@Payload() messages: IncomingMessage[]): Promise<void> {
    await this.consumer.processBatch(messages, this.commands);
  }

  private readonly commands: MessageHandler<IntegrationEnvelope> = {
    // Another context's message on this topic is not ours to act on.
    select: (message) => {
      const envelope = fromKafkaRecord(message.headers, message.value);
      return STOCK_COMMAND_TYPES.has(envelope.type) ? envelope : undefined;
    },
    handle: (envelope, manager) => this.dispatch(envelope, manager),
  };

  private async dispatch(envelope: IntegrationEnvelope, manager: EntityManager): Promise<void> {
    const cause = { correlationId: envelope.correlationId, causationId: envelope.id };
    switch (envelope.type) {
      case ReserveStockV1.type: {
        const { orderId, items, holdUntil } = envelope.data;
        await this.reserve.execute({ orderId, items, holdUntil: new Date(holdUntil), ...cause }, manager);
        return;
      }
      case ReleaseStockV1.type:
        await this.release.execute({ ...envelope.data, ...cause }, manager);
        return;
      case CommitStockV1.type:
        await this.commit.execute({ ...envelope.data, ...cause }, manager);
        return;
      default:
        return;
    }
  }
}
