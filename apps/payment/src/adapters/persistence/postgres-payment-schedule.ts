import { Injectable } from "@nestjs/common";
import type { SqlStatement } from "@peakshop/eventsourcing";
import { activeTraceparent, WorkSignal } from "@peakshop/platform-nest";
import { DataSource } from "typeorm";
import { PaymentSchedule, type DueWork, type ScheduledWork } from "../../application/payment-schedule.port";

/** Payment work was scheduled in this process and committed: wakes its attempts worker. */
export const paymentWorkScheduled = new WorkSignal();

@Injectable()
export class PostgresPaymentSchedule extends PaymentSchedule {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  put(paymentId: string, kind: ScheduledWork, dueAt: Date): SqlStatement {
    return {
      text: `INSERT INTO payment_schedule (payment_id, kind, due_at, traceparent) VALUES ($1, $2, $3, $4)
       ON CONFLICT (payment_id, kind) DO UPDATE
         SET due_at = EXCLUDED.due_at, traceparent = coalesce(EXCLUDED.traceparent, payment_schedule.traceparent)`,
      values: [paymentId, kind, dueAt, activeTraceparent() ?? null],
    };
  }

  remove(paymentId: string, kind: ScheduledWork): SqlStatement {
    return {
      text: `DELETE FROM payment_schedule WHERE payment_id = $1 AND kind = $2`,
      values: [paymentId, kind],
    };
  }

  async apply(write: SqlStatement): Promise<void> {
    await this.dataSource.query(write.text, [...write.values]);
  }

  wakeWorker(): void {
    paymentWorkScheduled.notify();
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueWork[]> {
    // SKIP LOCKED: several workers (or instances) claim disjoint rows; the
    // lease moves due_at forward, so a crashed worker's rows come due again.
    const rows: {
      payment_id: string;
      kind: ScheduledWork;
      started_before: number;
      traceparent: string | null;
    }[] = await this.dataSource.query(
      `UPDATE payment_schedule s
          SET due_at = now() + ($2::int * interval '1 millisecond'), attempts_started = s.attempts_started + 1
         FROM (SELECT payment_id, kind, attempts_started FROM payment_schedule
                WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE s.payment_id = due.payment_id AND s.kind = due.kind
        RETURNING s.payment_id, s.kind, due.attempts_started AS started_before, s.traceparent`,
      [limit, leaseMs],
    );
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown as typeof rows) : rows;
    return list.map((row) => ({
      paymentId: row.payment_id,
      kind: row.kind,
      startedBefore: row.started_before,
      ...(row.traceparent ? { traceparent: row.traceparent } : {}),
    }));
  }

  async nextDueInMs(): Promise<number | undefined> {
    // The database's clock, as claimDue compares due_at with now().
    const [row] = (await this.dataSource.query(
      `SELECT (extract(epoch FROM min(due_at) - now()) * 1000)::float8 AS ms FROM payment_schedule`,
    )) as { ms: number | null }[];
    return row?.ms ?? undefined;
  }
}
