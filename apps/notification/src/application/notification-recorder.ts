import { Inject, Injectable } from "@nestjs/common";
import { notifyOnCommit, outboxWritten, type SqlStatement } from "@peakshop/eventsourcing";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { NotificationDraft } from "../domain/notification.types";
import { customerNotifiedRecord } from "./customer-notified.message";
import { CHANNEL_SETTINGS, CustomerContacts, type ChannelSettings } from "./delivery-channels.port";
import { Notifications, type DeliveryRow, type NotificationRow } from "./notification-store.ports";

export interface SourceEvent {
  /** The integration event's id: the cause of every message this writes. */
  eventId: string;
  correlationId: string;
}

/** What a webhook receiver gets as the JSON body. */
export interface WebhookBody {
  id: string;
  type: string;
  customerId: string;
  orderId: string | null;
  message: string;
  createdAt: string;
}

/**
 * Stores decided notifications (in the caller's transaction, or as writes of
 * a consumed message's one statement): the feed
 * entry (which is the in-app delivery, so its CustomerNotified goes to the
 * outbox right away) and one durable delivery per e-mail and webhook target,
 * which the deliveries worker sends. A draft whose dedupe key is already
 * stored is dropped here, with its deliveries: nobody is told twice.
 */
@Injectable()
export class NotificationRecorder {
  constructor(
    private readonly notifications: Notifications,
    private readonly contacts: CustomerContacts,
    @Inject(CHANNEL_SETTINGS) private readonly channels: ChannelSettings,
  ) {}

  /** Returns the notifications stored (the new ones). */
  async record(
    manager: EntityManager,
    drafts: NotificationDraft[],
    source: SourceEvent,
    now: Date,
  ): Promise<NotificationRow[]> {
    const { rows, deliveries, notices } = this.prepare(drafts, source, now);
    const { inserted, firstInApp } = await this.notifications.insertNew(
      manager,
      rows,
      deliveries,
      now,
      notices,
    );
    if (firstInApp.size > 0) notifyOnCommit(manager, outboxWritten);
    return rows.filter((row) => inserted.has(row.id));
  }

  /** record's writes, for a statement that holds the message's other writes too (see writeOnce). */
  writesOf(drafts: NotificationDraft[], source: SourceEvent, now: Date): SqlStatement[] {
    if (drafts.length === 0) return [];
    const { rows, deliveries, notices } = this.prepare(drafts, source, now);
    return this.notifications.insertWrites(rows, deliveries, now, notices);
  }

  private prepare(drafts: NotificationDraft[], source: SourceEvent, now: Date) {
    const rows: NotificationRow[] = drafts.map((draft) => ({
      id: randomUUID(),
      customerId: draft.customerId,
      orderId: draft.orderId ?? null,
      kind: draft.kind,
      message: draft.message,
      subject: draft.subject,
      dedupeKey: draft.dedupeKey,
      sourceEventId: source.eventId,
      correlationId: source.correlationId,
      createdAt: now,
    }));
    return {
      rows,
      deliveries: rows.flatMap((row) => this.deliveriesOf(row)),
      // Queued only for the rows stored and not yet told in-app (see insertNew).
      notices: rows.map((row) =>
        customerNotifiedRecord({ ...row, notificationId: row.id }, "in-app", now, source.eventId),
      ),
    };
  }

  private deliveriesOf(row: NotificationRow): DeliveryRow[] {
    const deliveries: DeliveryRow[] = [];
    const base = { notificationId: row.id, createdAt: row.createdAt };
    if (this.channels.email) {
      const to = this.contacts.emailOf(row.customerId);
      deliveries.push({
        ...base,
        id: randomUUID(),
        channel: "email",
        target: to,
        payload: { to, subject: row.subject, text: row.message },
      });
    }
    const body: WebhookBody = {
      id: row.id,
      type: row.kind,
      customerId: row.customerId,
      orderId: row.orderId,
      message: row.message,
      createdAt: row.createdAt.toISOString(),
    };
    for (const url of this.channels.webhookUrls) {
      deliveries.push({
        ...base,
        id: randomUUID(),
        channel: "webhook",
        target: url,
        payload: { url, body: JSON.stringify(body) },
      });
    }
    return deliveries;
  }
}
