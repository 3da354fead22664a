import { Injectable } from "@nestjs/common";
import { outboxColumns, writeCtes, type OutboxMessage, type SqlStatement } from "@peakshop/eventsourcing";
import { activeTraceparent } from "@peakshop/platform-nest";
import { DataSource, type EntityManager } from "typeorm";
import type { NotificationKind } from "../../domain/notification.types";
import type { DeliveryRow, NotificationRow, Notifications } from "../../application/notification-store.ports";
import { queryRows } from "./query-rows";

export type { DeliveryRow, NotificationRow };

export interface FeedItem {
  id: string;
  orderId?: string;
  kind: NotificationKind;
  message: string;
  createdAt: string;
}

/** The notifications table and what hangs off it; every write runs in the caller's transaction. */
@Injectable()
export class NotificationsRepository implements Notifications {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the notifications whose dedupe key is new, the deliveries of those
   * only, records the in-app channel as having told them (the feed entry is
   * the in-app delivery) and queues each one's in-app notice (`notices[i]` is
   * rows[i]'s) only if in-app had not told it yet: one statement, one round
   * trip. Returns the ids inserted and, of those, the ones in-app told now.
   */
  async insertNew(
    manager: EntityManager,
    rows: NotificationRow[],
    deliveries: DeliveryRow[],
    toldInAppAt: Date,
    notices: OutboxMessage[],
  ): Promise<{ inserted: Set<string>; firstInApp: Set<string> }> {
    if (rows.length === 0) return { inserted: new Set(), firstInApp: new Set() };
    const values: unknown[] = [];
    const ctes = writeCtes(this.insertWrites(rows, deliveries, toldInAppAt, notices), values);
    const [result] = await queryRows<{ inserted: string[] | null; told: string[] | null }>(
      manager,
      `WITH ${ctes.join(",\n")}
       SELECT (SELECT array_agg(id::text) FROM notification_inserted) AS inserted,
              (SELECT array_agg(notification_id::text) FROM notification_told) AS told`,
      values,
    );
    return { inserted: new Set(result?.inserted ?? []), firstInApp: new Set(result?.told ?? []) };
  }

  /** insertNew's writes, for a statement that holds the message's other writes too (see writeOnce). */
  insertWrites(
    rows: NotificationRow[],
    deliveries: DeliveryRow[],
    toldInAppAt: Date,
    notices: OutboxMessage[],
  ): SqlStatement[] {
    const column = <K extends keyof NotificationRow>(key: K) => rows.map((row) => row[key]);
    return [
      {
        name: "notification_inserted",
        text: `INSERT INTO notifications (id, customer_id, order_id, kind, message, subject, dedupe_key, source_event_id, correlation_id, created_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        values: [
          column("id"),
          column("customerId"),
          column("orderId"),
          column("kind"),
          column("message"),
          column("subject"),
          column("dedupeKey"),
          column("sourceEventId"),
          column("correlationId"),
          column("createdAt"),
        ],
      },
      {
        // The trace that decided the deliveries, continued when they are sent.
        text: `INSERT INTO notification_deliveries (id, notification_id, channel, target, payload, next_attempt_at, created_at, traceparent)
         SELECT d.id, d.notification_id, d.channel, d.target, d.payload, d.created_at, d.created_at, $7::text
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
             AS d (id, notification_id, channel, target, payload, created_at)
           JOIN notification_inserted ON notification_inserted.id = d.notification_id
         ON CONFLICT (notification_id, channel, target) DO NOTHING`,
        values: [
          deliveries.map((row) => row.id),
          deliveries.map((row) => row.notificationId),
          deliveries.map((row) => row.channel),
          deliveries.map((row) => row.target),
          deliveries.map((row) => JSON.stringify(row.payload)),
          deliveries.map((row) => row.createdAt),
          activeTraceparent() ?? null,
        ],
      },
      {
        name: "notification_told",
        text: `INSERT INTO notified_channels (notification_id, channel, notified_at)
         SELECT id, 'in-app', $1 FROM notification_inserted
         ON CONFLICT DO NOTHING
         RETURNING notification_id`,
        values: [toldInAppAt],
      },
      {
        // In the rows' order: a customer's notices leave in the order they were decided.
        text: `INSERT INTO es_outbox (slot, topic, message_key, value, headers)
         SELECT o.slot, o.topic, o.k, o.v, o.h
           FROM unnest($1::uuid[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
             WITH ORDINALITY AS o (notification_id, slot, topic, k, v, h, ord)
           JOIN notification_told USING (notification_id)
          ORDER BY o.ord`,
        values: [column("id"), ...outboxColumns(notices)],
      },
    ];
  }

  /** Records that a channel told the customers; returns the ids it had not yet (CustomerNotified goes out once per channel). */
  async markNotified(
    manager: EntityManager,
    notificationIds: string[],
    channel: string,
    at: Date,
  ): Promise<Set<string>> {
    if (notificationIds.length === 0) return new Set();
    const rows = await queryRows<{ notification_id: string }>(
      manager,
      `INSERT INTO notified_channels (notification_id, channel, notified_at)
       SELECT unnest($1::uuid[]), $2, $3
       ON CONFLICT DO NOTHING
       RETURNING notification_id`,
      [notificationIds, channel, at],
    );
    return new Set(rows.map((row) => row.notification_id));
  }

  async kindsSentFor(manager: EntityManager, orderId: string): Promise<Set<NotificationKind>> {
    const rows = await queryRows<{ kind: NotificationKind }>(
      manager,
      `SELECT kind FROM notifications WHERE order_id = $1`,
      [orderId],
    );
    return new Set(rows.map((row) => row.kind));
  }

  async customersToldAbout(manager: EntityManager, incidentId: string): Promise<Set<string>> {
    const rows = await queryRows<{ customer_id: string }>(
      manager,
      `SELECT customer_id FROM notifications WHERE kind = 'payment-recovered' AND dedupe_key LIKE $1`,
      [`payment-recovered:${incidentId}:%`],
    );
    return new Set(rows.map((row) => row.customer_id));
  }

  /** Whether `notificationId` is one of the customer's: a cursor must not reveal another's feed. */
  async belongsTo(customerId: string, notificationId: string): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource,
      `SELECT 1 FROM notifications WHERE id = $1 AND customer_id = $2`,
      [notificationId, customerId],
    );
    return rows.length > 0;
  }

  /** Newest first; `after` continues below that notification (the last one of the previous page). */
  async feed(customerId: string, limit: number, after?: string): Promise<FeedItem[]> {
    const rows = await queryRows<{
      id: string;
      order_id: string | null;
      kind: NotificationKind;
      message: string;
      created_at: Date;
    }>(
      this.dataSource,
      `SELECT id, order_id, kind, message, created_at FROM notifications
        WHERE customer_id = $1
          AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM notifications WHERE id = $2))
        ORDER BY created_at DESC, id DESC
        LIMIT $3`,
      [customerId, after ?? null, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      ...(row.order_id ? { orderId: row.order_id } : {}),
      kind: row.kind,
      message: row.message,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
