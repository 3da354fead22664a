import { Inject, Injectable } from "@nestjs/common";
import { SERVICE_CONFIG, SweepWorker } from "@peakshop/platform-nest";
import { IdempotencyStore } from "../../application/idempotency-store.port";
import type { GatewayConfig } from "../../config";

/** Deletes Idempotency-Keys past IDEMPOTENCY_KEY_TTL_HOURS, in batches, so the table stays the size of a day. */
@Injectable()
export class ExpiredKeysWorker extends SweepWorker {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    super();
  }

  protected sweep(limit: number): Promise<number> {
    const expiredBefore = new Date(Date.now() - this.config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
    return this.store.purgeExpired(expiredBefore, limit);
  }
}
