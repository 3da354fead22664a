import { Inject, Injectable } from "@nestjs/common";
import { PollingWorker, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { IdempotencyStore } from "../../application/idempotency-store.port";
import type { GatewayConfig } from "../../config";

const BATCH = 1_000;
/** Expired keys are already ignored by claims, so deleting them can wait: a minute between sweeps. */
const SWEEP_INTERVAL_MS = 60_000;

/** Deletes Idempotency-Keys past IDEMPOTENCY_KEY_TTL_HOURS, in batches, so the table stays the size of a day. */
@Injectable()
export class ExpiredKeysWorker extends PollingWorker {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    super();
  }

  protected idleDelayMs(): number {
    return SWEEP_INTERVAL_MS;
  }

  protected async round(): Promise<number> {
    const expiredBefore = new Date(Date.now() - this.config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
    const deleted = await this.store.purgeExpired(expiredBefore, BATCH);
    // A full batch means there may be more; a partial one means done until the next sweep.
    return deleted === BATCH ? deleted : 0;
  }
}
