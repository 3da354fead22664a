import { Injectable } from "@nestjs/common";
import { gaugeReadAtScrape } from "@peakshop/platform-nest";
import { Registry } from "prom-client";
import { DataSource } from "typeorm";
import { CheckoutQueueDelay, sagaBacklog, type SagaBacklog } from "../../application/saga-backlog";
import { OPEN_ORDERS_PREDICATE } from "../persistence/open-orders";

/** Readings this fresh are shared: every gateway pod polls once a second, and scrapes come too. */
const SHARED_FOR_MS = 250;

/**
 * The saga's backlog (see SagaBacklog): the checkout consumer reports each
 * checkout's wait, the oldest order waiting for stock is read from orders_view
 * (through the open-orders partial index), and the gateway polls the result
 * over HTTP. Also exported as peakshop_saga_backlog_delay_seconds.
 */
@Injectable()
export class SagaBacklogMonitor {
  private readonly checkoutQueue = new CheckoutQueueDelay();
  private latest?: { at: number; reading: Promise<SagaBacklog> };

  constructor(
    private readonly dataSource: DataSource,
    registry: Registry,
  ) {
    gaugeReadAtScrape(registry, {
      name: "peakshop_saga_backlog_delay_seconds",
      help: "How far behind the saga is on work the bank has no part in: the longer of the latest checkouts' wait in Kafka and the oldest order's wait for stock (the gateway refuses checkouts past GATEWAY_SAGA_BACKLOG_TARGET_MS)",
      read: async () => (await this.read()).delayMs / 1000,
    });
  }

  /** A checkout requested at `requestedAt` (cart's commit) is being taken now. */
  checkoutTaken(requestedAt: string, now = Date.now()): void {
    const requested = Date.parse(requestedAt);
    if (Number.isFinite(requested)) this.checkoutQueue.record(now - requested, now);
  }

  read(): Promise<SagaBacklog> {
    const now = Date.now();
    if (this.latest && now - this.latest.at < SHARED_FOR_MS) return this.latest.reading;
    const reading = this.readNow(now);
    this.latest = { at: now, reading };
    // A failed read is not shared: the next caller tries again.
    reading.catch(() => (this.latest = undefined));
    return reading;
  }

  private async readNow(now: number): Promise<SagaBacklog> {
    const [row] = (await this.dataSource.query(
      `SELECT min(placed_at) AS oldest FROM orders_view WHERE ${OPEN_ORDERS_PREDICATE} AND status = 'PLACED'`,
    )) as { oldest: Date | null }[];
    // Ages from this process's clock, like placed_at (set by this service), not the database's.
    const oldest = row?.oldest ? now - row.oldest.getTime() : 0;
    return sagaBacklog(this.checkoutQueue.delayMs(now), oldest);
  }
}
