import { Logger } from "@nestjs/common";
import { enqueueOutbox } from "@peakshop/eventsourcing";
import type { DataSource, EntityManager } from "typeorm";
import { decide } from "../domain/reservation.decider";
import type { InventoryStore } from "./inventory-store.port";
import { stateOf } from "./reservation-record";
import { stockEventRecord } from "./stock-event.records";
import type { Causation } from "@peakshop/contracts";
import { inTransaction, systemClock, type Clock } from "./transaction";

export interface CommitStockRequest extends Causation {
  orderId: string;
}

export type CommitOutcome = "committed" | "retaken" | "already-committed" | "refused";

/**
 * CommitStock: a live hold becomes sold stock (it never comes back) and
 * StockCommitted is published. Committing twice changes nothing.
 *
 * A hold already given back (the command came after the sweeper released it)
 * is taken again from the buckets if every line is there, and sold; otherwise
 * nothing is sold and StockCommitRefused is published, so the order saga
 * refunds the payment instead of confirming an order without stock (I3).
 */
export class CommitStockHandler {
  private readonly logger = new Logger("CommitStock");

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: InventoryStore,
    private readonly clock: Clock = systemClock,
  ) {}

  execute(request: CommitStockRequest, manager?: EntityManager): Promise<CommitOutcome> {
    return inTransaction(this.dataSource, manager, async (tx) => {
      const { orderId } = request;
      const record = await this.store.findReservation(tx, orderId, { forUpdate: true });
      const state = stateOf(record);
      const now = this.clock();
      const retake = state.status === "released" ? await this.store.holdLines(tx, state.lines) : undefined;
      const [event] = decide(
        { type: "CommitStock", orderId, retakeShortages: retake?.shortages, at: now },
        state,
      );
      if (!event) return "already-committed";
      const message = stockEventRecord(event, (record?.version ?? 0) + 1, request);
      if (event.type === "StockCommitted") {
        if (retake) await this.store.replaceAllocations(tx, orderId, retake.allocations);
        await this.store.saveTransitions(tx, [{ orderId, status: "committed", messageId: message.id }], now);
      } else if (record) {
        await this.store.recordMessage(tx, orderId, message.id, now);
      }
      await enqueueOutbox(tx, [message.record]);
      if (event.type === "StockCommitRefused") {
        this.logger.warn(
          {
            orderId,
            correlationId: request.correlationId,
            status: state.status,
            unavailable: event.unavailable,
          },
          "CommitStock refused: the hold was gone and its items could not be taken again; the order will be refunded",
        );
        return "refused";
      }
      return retake ? "retaken" : "committed";
    });
  }
}
