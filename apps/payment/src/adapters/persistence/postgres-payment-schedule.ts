import { Injectable } from "@nestjs/common";
import { notifyOnCommit } from "@peakshop/eventsourcing";
import { WorkSignal } from "@peakshop/platform-nest";
import { DataSource, type EntityManager } from "typeorm";
import { PaymentSchedule, type DueWork, type ScheduledWork } from "../../application/payment-schedule.port";

/** Payment work was scheduled in this process: wakes its attempts worker at the commit. */
export const paymentWorkScheduled = new WorkSignal();

@Injectable()
export class PostgresPaymentSchedule extends PaymentSchedule {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async put(manager: EntityManager, paymentId: string, kind: ScheduledWork, dueAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO payment_schedule (payment_id, kind, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (payment_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at`,
      [paymentId, kind, dueAt],
    );
    notifyOnCommit(manager, paymentWorkScheduled);
  }

  async remove(manager: EntityManager, paymentId: string, kind: ScheduledWork): Promise<void> {
    await manager.query(`DELETE FROM payment_schedule WHERE payment_id = $1 AND kind = $2`, [
      paymentId,
      kind,
    ]);
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueWork[]> {
    // SKIP LOCKED: several workers (or instances) claim disjoint rows; the
    // lease moves due_at forward, so a crashed worker's rows come due again.
    const rows: { payment_id: string; kind: ScheduledWork; started_before: number }[] =
      await this.dataSource.query(
        `UPDATE payment_schedule s
          SET due_at = now() + ($2::int * interval '1 millisecond'), attempts_started = s.attempts_started + 1
         FROM (SELECT payment_id, kind, attempts_started FROM payment_schedule
                WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE s.payment_id = due.payment_id AND s.kind = due.kind
        RETURNING s.payment_id, s.kind, due.attempts_started AS started_before`,
        [limit, leaseMs],
      );
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown as typeof rows) : rows;
    return list.map((row) => ({
      paymentId: row.payment_id,
      kind: row.kind,
      startedBefore: row.started_before,
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
