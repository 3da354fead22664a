import { Inject, Injectable } from "@nestjs/common";
import { PollingWorker, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { GatewayConfig } from "../../config";
import { SagaBacklogGate } from "../../domain/saga-backlog-gate";
import { UpstreamClient } from "./upstream.client";

const backlogAnswer = z.object({ delayMs: z.number().nonnegative() });

/**
 * Reads the saga backlog from the order service every
 * GATEWAY_SAGA_BACKLOG_POLL_MS into the SagaBacklogGate, one poll at a time
 * (a slow order service is not asked faster than it answers). A failed poll
 * leaves the last reading to go stale, and the gate then admits every checkout.
 */
@Injectable()
export class SagaBacklogWatcher extends PollingWorker {
  private failing = false;

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly gate: SagaBacklogGate,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    super();
  }

  override onApplicationBootstrap(): void {
    if (this.config.GATEWAY_SAGA_BACKLOG_TARGET_MS > 0) super.onApplicationBootstrap();
  }

  protected idleDelayMs(): number {
    return this.config.GATEWAY_SAGA_BACKLOG_POLL_MS;
  }

  /** One reading; always 0 handled, so the next comes a poll interval later. */
  protected async round(): Promise<number> {
    try {
      const answer = await this.upstream.send("order", {
        method: "GET",
        path: "/v1/saga/backlog",
        requestId: randomUUID(),
      });
      const backlog = answer.status === 200 ? backlogAnswer.safeParse(answer.body) : undefined;
      if (!backlog?.success) throw new Error(`answered ${answer.status}`);
      this.gate.observe(backlog.data.delayMs, performance.now());
      if (this.failing) this.logger.log("reading the saga backlog again");
      this.failing = false;
    } catch (error) {
      // Once per spell of failures, not once per poll.
      if (!this.failing) {
        const why = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `cannot read the saga backlog from the order service (${why}): admitting every checkout`,
        );
      }
      this.failing = true;
    }
    return 0;
  }
}
