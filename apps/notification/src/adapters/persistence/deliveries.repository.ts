import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import type { ClaimedDelivery, Deliveries } from "../../application/notification-store.ports";
import type { NotificationKind } from "../../domain/notification.types";
import { queryRows } from "./query-rows";

export type { ClaimedDelivery };

/** The durable delivery queue of e-mails and webhooks. */
@Injectable()
export class DeliveriesRepository implements Deliveries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due deliveries for `leaseMs`: several workers skip
   * each other's rows (SKIP LOCKED), and a claim lost with its process comes
   * due again when the lease runs out, without holding a transaction open
   * while the mail server or webhook answers.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await queryRows<{
      id: string;
      channel: "email" | "webhook";
      target: string;
      payload: unknown;
      attempts: number;
      notification_id: string;
      customer_id: string;
      order_id: string | null;
      kind: NotificationKind;
      correlation_id: string;
      traceparent: string | null;
    }>(
      this.dataSource,
      `UPDATE notification_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = now() + ($2::int * interval '1 millisecond')
         FROM (SELECT id FROM notification_deliveries
                WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED) due,
              notifications n
        WHERE d.id = due.id AND n.id = d.notification_id
        RETURNING d.id, d.channel, d.target, d.payload, d.attempts, d.notification_id, d.traceparent,
                  n.customer_id, n.order_id, n.kind, n.correlation_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      target: row.target,
      payload: row.payload,
      attempt: row.attempts,
      notificationId: row.notification_id,
      customerId: row.customer_id,
      orderId: row.order_id,
      kind: row.kind,
      correlationId: row.correlation_id,
      ...(row.traceparent ? { traceparent: row.traceparent } : {}),
    }));
  }

  /** The ids this call marked delivered (another worker may have settled some first). */
  async markDelivered(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE notification_deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL
        WHERE id = ANY($1::uuid[]) AND status = 'pending' RETURNING id`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  async scheduleRetry(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET next_attempt_at = now() + ($2::int * interval '1 millisecond'), last_error = $3
        WHERE id = $1 AND status = 'pending'`,
      [id, delayMs, error.slice(0, 2_000)],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 2_000)],
    );
  }
}
