import { Injectable } from "@nestjs/common";
import type { SqlStatement } from "@peakshop/eventsourcing";
import { DataSource } from "typeorm";
import { OrderDeadlines } from "../../application/order-deadlines.port";

@Injectable()
export class PostgresOrderDeadlines extends OrderDeadlines {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  set(orderId: string, dueAt: Date): SqlStatement {
    return {
      text: `INSERT INTO order_deadlines (order_id, due_at) VALUES ($1, $2) ON CONFLICT (order_id) DO UPDATE SET due_at = EXCLUDED.due_at`,
      values: [orderId, dueAt],
    };
  }

  clear(orderId: string): SqlStatement {
    return { text: `DELETE FROM order_deadlines WHERE order_id = $1`, values: [orderId] };
  }

  async claimDue(limit: number, leaseMs: number): Promise<string[]> {
    const result: unknown[] = await this.dataSource.query(
      `UPDATE order_deadlines d SET due_at = now() + ($2::int * interval '1 millisecond')
         FROM (SELECT order_id FROM order_deadlines WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE d.order_id = due.order_id
        RETURNING d.order_id`,
      [limit, leaseMs],
    );
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { order_id: string }[];
    return rows.map((row) => row.order_id);
  }
}
