import { Injectable } from "@nestjs/common";
import { gaugeReadAtScrape } from "@peakshop/platform-nest";
import { Registry } from "prom-client";
import { DataSource } from "typeorm";

/**
 * Charge attempts waiting in the durable retry schedule, read at scrape time.
 * payment_schedule holds one row per payment with work left (rows go when the
 * work is done), so it is as small as the payments in flight and a count over
 * it needs no index of its own.
 */
@Injectable()
export class PaymentAttemptsMetrics {
  constructor(registry: Registry, dataSource: DataSource) {
    gaugeReadAtScrape(registry, {
      name: "peakshop_payment_attempts_pending",
      help: "Charge attempts scheduled and not yet done (due, backing off, or claimed by a worker), from payment_schedule",
      read: async () => {
        const [row] = (await dataSource.query(
          `SELECT count(*)::int AS pending FROM payment_schedule WHERE kind = 'charge'`,
        )) as { pending: number }[];
        return row?.pending ?? 0;
      },
    });
  }
}
