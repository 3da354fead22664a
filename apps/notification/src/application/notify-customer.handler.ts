import { Injectable } from "@nestjs/common";
import {
  notifyOnCommit,
  outboxWritten,
  writeOnce,
  writeTogether,
  type InboxEntry,
  type InboxOutcome,
} from "@peakshop/eventsourcing";
import { DataSource, type EntityManager } from "typeorm";
import { decideNotifications } from "../domain/notification.decide";
import type { OrderFact } from "../domain/notification.types";
import { NotificationRecorder, type SourceEvent } from "./notification-recorder";
import { Notifications, TrackedOrders } from "./notification-store.ports";

/** One fact about an order -> what its customer is told, recorded with the fact's inbox row. */
@Injectable()
export class NotifyCustomerHandler {
  constructor(
    private readonly tracked: TrackedOrders,
    private readonly notifications: Notifications,
    private readonly recorder: NotificationRecorder,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * In the caller's transaction (a batch of messages): what was sent is read,
   * then the fact's writes go in one statement, as executeOnce's do.
   */
  async execute(manager: EntityManager, fact: OrderFact, source: SourceEvent): Promise<void> {
    const { told, writes } = await this.decide(manager, fact, source);
    await writeTogether(manager, writes);
    if (told) notifyOnCommit(manager, outboxWritten);
  }

  /**
   * execute for a fact that came alone, without a transaction: what was sent
   * is read first, then the fact's writes and its inbox row are one statement
   * (writeOnce). The read is no weaker than inside a transaction: at READ
   * COMMITTED neither holds it still, and the dedupe keys stop a second
   * notice of one kind either way.
   */
  async executeOnce(fact: OrderFact, source: SourceEvent, inbox: InboxEntry): Promise<InboxOutcome> {
    const { told, writes } = await this.decide(this.dataSource.manager, fact, source);
    const outcome = await writeOnce(this.dataSource, inbox, writes);
    if (outcome === "handled" && told) notifyOnCommit(undefined, outboxWritten);
    return outcome;
  }

  /** Reads what was sent for the order, decides what to tell, and gives the fact's writes. */
  private async decide(reader: EntityManager, fact: OrderFact, source: SourceEvent) {
    const alreadySent = await this.notifications.kindsSentFor(reader, fact.orderId);
    const drafts = decideNotifications(fact, alreadySent);
    const writes = [this.tracked.trackStatement(fact), ...this.recorder.writesOf(drafts, source, new Date())];
    return { told: drafts.length > 0, writes };
  }
}
