import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from "@nestjs/common";
import { SERVICE_CONFIG } from "@peakshop/platform-nest";
import { ExpireHoldsHandler } from "../../application/expire-holds.handler";
import type { InventoryConfig } from "../../config";

/**
 * Runs expiry sweeps every RESERVATION_SWEEP_INTERVAL_MS, and back to back
 * while sweeps come back full. The due holds are found in the table each time,
 * so nothing is lost across restarts, and instances sweep side by side (SKIP
 * LOCKED). Shutdown finishes the sweep in hand.
 */
@Injectable()
export class HoldExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger("HoldExpirySweeper");
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly expire: ExpireHoldsHandler,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const batch = this.config.RESERVATION_SWEEP_BATCH_SIZE;
    while (this.running) {
      try {
        const released = await this.expire.execute(batch);
        if (released > 0) this.logger.log({ released }, "released expired holds");
        if (released === batch) continue;
      } catch (error) {
        this.logger.warn({ err: error }, "expiry sweep failed; retrying at the next interval");
      }
      await this.pause(this.config.RESERVATION_SWEEP_INTERVAL_MS);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
