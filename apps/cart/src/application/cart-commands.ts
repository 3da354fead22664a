import { Injectable } from "@nestjs/common";
import {
  fold,
  handleCommand,
  PostgresEventStore,
  streamStateCacheOf,
  type CommandResult,
  type OutboxMessage,
} from "@peakshop/eventsourcing";
import { DataSource } from "typeorm";
import type { CartCommand } from "../domain/cart.commands";
import { cartDecider } from "../domain/cart.decider";
import type { CartEvent } from "../domain/cart.events";
import type { CartState } from "../domain/cart.state";
import { cartEventCodec, cartStreamId } from "./cart-stream";

export type CartResult = CommandResult<CartEvent, CartState>;
type ToOutbox = (result: CartResult, streamId: string) => OutboxMessage[];

/** Runs commands on a customer's cart stream and reads it back; shared by the use cases. */
@Injectable()
export class CartCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PostgresEventStore,
  ) {}

  /** Load, decide, append at the expected version (+ outbox), retrying on a concurrent writer. */
  execute(customerId: string, command: CartCommand, toOutbox?: ToOutbox): Promise<CartResult> {
    return handleCommand(this.dataSource, cartDecider, cartStreamId(customerId), command, {
      ...cartEventCodec,
      toOutbox,
      maxAttempts: 5,
    });
  }

  /**
   * The cart as this process last committed it, else as stored. It may be
   * behind another replica's write: good enough to choose what to price, since
   * the decision itself runs on a state the append checks.
   */
  async loadRecent(customerId: string): Promise<CartState> {
    const cached = streamStateCacheOf<CartState>(this.dataSource, cartDecider).get(cartStreamId(customerId));
    return cached?.state ?? this.load(customerId);
  }

  /** The read side: carts are short, so the stream is folded on every read, no projection. */
  async load(customerId: string): Promise<CartState> {
    const stream = await this.store.readStream(cartStreamId(customerId));
    return fold(cartDecider, cartDecider.initialState, stream.events.map(cartEventCodec.fromStored));
  }
}
