import { Inject, Injectable } from "@nestjs/common";
import { PollingWorker, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { ExpireHoldsHandler } from "../../application/expire-holds.handler";
import type { InventoryConfig } from "../../config";

/**
 * Runs expiry sweeps every RESERVATION_SWEEP_INTERVAL_MS, and back to back
 * while sweeps come back full. The due holds are found in the table each time,
 * so nothing is lost across restarts, and instances sweep side by side (SKIP
 * LOCKED). Shutdown finishes the sweep in hand before the database closes.
 */
@Injectable()
export class HoldExpirySweeper extends PollingWorker {
  constructor(
    private readonly expire: ExpireHoldsHandler,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {
    super();
  }

  protected idleDelayMs(): number {
    return this.config.RESERVATION_SWEEP_INTERVAL_MS;
  }

  protected async round(): Promise<number> {
    const batch = this.config.RESERVATION_SWEEP_BATCH_SIZE;
    const released = await this.expire.execute(batch);
    if (released > 0) this.logger.log({ released }, "released expired holds");
    // Only a full sweep means more are due now; a partial one waits for the interval.
    return released === batch ? released : 0;
  }
}
