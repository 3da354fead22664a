import { Logger } from "@nestjs/common";
import { enqueueOutbox } from "@peakshop/eventsourcing";
import type { DataSource, EntityManager } from "typeorm";
import { decide } from "../domain/reservation.decider";
import { ReservationError } from "../domain/reservation.errors";
import { findReservation, saveTransitions, stateOf } from "../adapters/persistence/reservations.repository";
import { stockEventRecord, type MessageCause } from "../adapters/messaging/stock-event.records";
import { inTransaction, systemClock, type Clock } from "./transaction";

export interface CommitStockRequest extends MessageCause {
  orderId: string;
}

export type CommitOutcome = "committed" | "already-committed" | "refused";

/**
 * CommitStock: a live hold becomes sold stock (it never comes back) and
 * StockCommitted is published. Committing twice changes nothing.
 *
 * A commit for a hold that is gone (expired or released) or never existed is
 * refused: nothing is published, and it is logged as an error for operators.
 * Its items may already be held or sold for someone else, so selling them
 * again would oversell (I3). The order saga only commits after a capture
 * before the order's deadline, and holds last until that deadline, so this
 * means the saga and inventory disagree on the deadline: a bug to look into,
 * not a message to retry or dead-letter.
 */
export class CommitStockHandler {
  private readonly logger = new Logger("CommitStock");

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  execute(request: CommitStockRequest, manager?: EntityManager): Promise<CommitOutcome> {
    return inTransaction(this.dataSource, manager, async (tx) => {
      const record = await findReservation(tx, request.orderId, { forUpdate: true });
      const now = this.clock();
      let events;
      try {
        events = decide({ type: "CommitStock", orderId: request.orderId, now }, stateOf(record));
      } catch (error) {
        if (!(error instanceof ReservationError)) throw error;
        this.logger.error(
          {
            orderId: request.orderId,
            correlationId: request.correlationId,
            status: record?.status ?? "none",
            error: error.message,
          },
          "CommitStock refused: no live hold to commit; nothing published",
        );
        return "refused";
      }
      const [event] = events;
      if (!record || event?.type !== "StockCommitted") return "already-committed";
      const message = stockEventRecord(event, record.version + 1, request);
      await saveTransitions(
        tx,
        [{ orderId: record.orderId, status: "committed", messageId: message.id }],
        now,
      );
      await enqueueOutbox(tx, [message.record]);
      return "committed";
    });
  }
}
