import { Injectable } from "@nestjs/common";
import { Counter, Histogram, Registry } from "prom-client";
import { FINISHES, type FinishedOrder } from "../../application/finished-order";
import { FinishedOrders } from "../../application/finished-orders.port";

/** How orders end and how long the saga took, for the checkout dashboard and its alerts. */
@Injectable()
export class FinishedOrdersMetrics extends FinishedOrders {
  private readonly finishes: Counter<"status" | "reason">;
  private readonly timeToFinal: Histogram<"status">;

  constructor(registry: Registry) {
    super();
    const registers = [registry];
    this.finishes = new Counter({
      name: "peakshop_orders_finished_total",
      help: "Orders that reached a final status (CONFIRMED, REJECTED, CANCELLED), by reason (none, out-of-stock, payment-declined, payment-deadline-passed, cancelled-by-customer, stock-hold-expired); counted once, after commit",
      labelNames: ["status", "reason"],
      registers,
    });
    this.timeToFinal = new Histogram({
      name: "peakshop_order_time_to_final_seconds",
      help: "Seconds from an order's placement to its final status, by status",
      labelNames: ["status"],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers,
    });
    // Zero series from the start, so rate() and alerts see them before the first finish.
    for (const { status, reason } of FINISHES) {
      this.finishes.inc({ status, reason }, 0);
      this.timeToFinal.zero({ status });
    }
  }

  record(order: FinishedOrder): void {
    this.finishes.inc({ status: order.status, reason: order.reason });
    this.timeToFinal.observe({ status: order.status }, order.secondsToFinal);
  }
}
