import { Injectable } from "@nestjs/common";
import {
  handleCommand,
  handleCommandOnce,
  PostgresEventStore,
  type CommandResult,
  type InboxEntry,
  type InboxOutcome,
  type SqlStatement,
} from "@peakshop/eventsourcing";
import { DataSource, type EntityManager } from "typeorm";
import type { PaymentCommand } from "../domain/payment.commands";
import { paymentDecider } from "../domain/payment.decider";
import type { PaymentEvent } from "../domain/payment.events";
import type { PaymentState } from "../domain/payment.state";
import { paymentCodec, paymentStreamId } from "./payment-codec";
import { paymentMessages, type Causation } from "./payment-messages";

export type PaymentResult = CommandResult<PaymentEvent, PaymentState>;

export interface ExecuteOptions {
  /** Writes that commit with the events (the retry schedule's). */
  alsoWrite?: (result: PaymentResult) => SqlStatement[];
  /** Once the events are committed (never for a decision of nothing). */
  afterCommit?: (result: PaymentResult) => void;
}

/**
 * Where a consumed command runs: inside the consumer's inbox transaction, or
 * alone, recorded in the inbox by the append's own statement.
 */
export type ConsumedIn = { manager: EntityManager } | { inbox: InboxEntry };

/** Runs a command against one payment: load, decide, append events and their integration messages. */
@Injectable()
export class PaymentCommands {
  private readonly store: PostgresEventStore;

  constructor(private readonly dataSource: DataSource) {
    this.store = new PostgresEventStore(dataSource);
  }

  /** Without a manager, in one statement of its own (no transaction). */
  execute(
    paymentId: string,
    command: PaymentCommand,
    causation: Causation,
    options: ExecuteOptions & { manager?: EntityManager } = {},
  ): Promise<PaymentResult> {
    const streamId = paymentStreamId(paymentId);
    return handleCommand(this.dataSource, paymentDecider, streamId, command, {
      ...this.optionsFor(streamId, causation, options),
      manager: options.manager,
    });
  }

  /**
   * A consumed message's command: "handled" or "duplicate", or undefined
   * when, handled alone, it needs the consumer's transaction after all (see
   * handleCommandOnce).
   */
  async consume(
    paymentId: string,
    command: PaymentCommand,
    causation: Causation,
    within: ConsumedIn,
    options: ExecuteOptions = {},
  ): Promise<InboxOutcome | undefined> {
    if ("manager" in within) {
      await this.execute(paymentId, command, causation, { ...options, manager: within.manager });
      return "handled";
    }
    const streamId = paymentStreamId(paymentId);
    return handleCommandOnce(
      this.dataSource,
      paymentDecider,
      streamId,
      command,
      within.inbox,
      this.optionsFor(streamId, causation, options),
    );
  }

  async load(paymentId: string): Promise<PaymentState> {
    const stream = await this.store.readStream(paymentStreamId(paymentId));
    return stream.events
      .map(paymentCodec.fromStored)
      .reduce(paymentDecider.evolve, paymentDecider.initialState);
  }

  private optionsFor(streamId: string, causation: Causation, options: ExecuteOptions) {
    return {
      ...paymentCodec,
      toOutbox: (result: PaymentResult) => paymentMessages(result, streamId, causation),
      alsoWrite: options.alsoWrite,
      afterCommit: options.afterCommit,
      maxAttempts: 5,
    };
  }
}
