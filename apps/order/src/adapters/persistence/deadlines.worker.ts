import { Inject, Injectable } from "@nestjs/common";
import { PollingWorker, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { OrderCommands } from "../../application/order-commands";
import { OrderDeadlines } from "../../application/order-deadlines.port";
import type { OrderConfig } from "../../config";

const BATCH = 100;
const LEASE_MS = 30_000;

/** Fires due payment deadlines: each open order past its deadline is cancelled and its stock released. */
@Injectable()
export class DeadlinesWorker extends PollingWorker {
  constructor(
    private readonly deadlines: OrderDeadlines,
    private readonly orders: OrderCommands,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {
    super();
  }

  protected idleDelayMs(): number {
    return this.config.DEADLINE_POLL_INTERVAL_MS;
  }

  protected async round(): Promise<number> {
    const due = await this.deadlines.claimDue(BATCH, LEASE_MS);
    for (const orderId of due) {
      await this.orders.execute(
        orderId,
        { type: "PassDeadline", at: new Date().toISOString() },
        `deadline-${orderId}`,
      );
    }
    return due.length;
  }
}
