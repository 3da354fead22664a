import { Injectable } from "@nestjs/common";
import { handleCommand, PostgresEventStore, type CommandResult } from "@peakshop/eventsourcing";
import { DataSource, type EntityManager } from "typeorm";
import type { PaymentCommand } from "../domain/payment.commands";
import { paymentDecider } from "../domain/payment.decider";
import type { PaymentEvent } from "../domain/payment.events";
import type { PaymentState } from "../domain/payment.state";
import { paymentCodec, paymentStreamId } from "./payment-codec";
import { paymentMessages, type Causation } from "./payment-messages";

export type PaymentResult = CommandResult<PaymentEvent, PaymentState>;

export interface ExecuteOptions {
  manager?: EntityManager;
  /** Writes of the same transaction after the append (the retry schedule). */
  afterAppend?: (manager: EntityManager, result: PaymentResult) => Promise<void>;
}

/** Runs a command against one payment: load, decide, append events and their integration messages. */
@Injectable()
export class PaymentCommands {
  private readonly store: PostgresEventStore;

  constructor(private readonly dataSource: DataSource) {
    this.store = new PostgresEventStore(dataSource);
  }

  execute(
    paymentId: string,
    command: PaymentCommand,
    causation: Causation,
    options: ExecuteOptions = {},
  ): Promise<PaymentResult> {
    const streamId = paymentStreamId(paymentId);
    return handleCommand(this.dataSource, paymentDecider, streamId, command, {
      ...paymentCodec,
      toOutbox: (result) => paymentMessages(result, streamId, causation),
      manager: options.manager,
      afterAppend: options.afterAppend,
      maxAttempts: 5,
    });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async load(paymentId: string): Promise<PaymentState> {
    const stream = await this.store.readStream(paymentStreamId(paymentId));
    return stream.events
      .map(paymentCodec.fromStored)
      .reduce(paymentDecider.evolve, paymentDecider.initialState);
  }
}
