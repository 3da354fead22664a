import { Inject, Injectable } from "@nestjs/common";
import { PollingWorker, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { DeliverNotificationsHandler } from "../../application/deliver-notifications.handler";
import type { NotificationConfig } from "../../config";

/** Drives the delivery queue: rounds back to back while batches come full, else one poll interval apart. */
@Injectable()
export class DeliveriesWorker extends PollingWorker {
  constructor(
    private readonly deliveries: DeliverNotificationsHandler,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    super();
  }

  protected idleDelayMs(): number {
    return this.config.DELIVERY_POLL_INTERVAL_MS;
  }

  protected async round(): Promise<number> {
    const claimed = await this.deliveries.deliverDue();
    return claimed < this.config.DELIVERY_BATCH_SIZE ? 0 : claimed;
  }
}
