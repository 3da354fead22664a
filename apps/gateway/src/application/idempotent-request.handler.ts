import { Inject, Injectable } from "@nestjs/common";
import { ProblemException, problemType, SERVICE_CONFIG } from "@peakshop/platform-nest";
import type { GatewayConfig } from "../config";
import { decideReplay, isReplayable, type StoredResponse } from "../domain/idempotency";
import { IdempotencyStore, type KeyRef } from "./idempotency-store.port";

/** Seconds a client should wait when its key is still being answered. */
const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

export class KeyInProgress extends ProblemException {
  readonly retryAfterSeconds = IN_PROGRESS_RETRY_AFTER_SECONDS;
  constructor() {
    super({
      status: 409,
      title: "Conflict",
      type: problemType("idempotency-key-in-progress"),
      detail: "A request with this Idempotency-Key is still being answered; retry shortly to get its answer.",
    });
  }
}

/**
 * Runs a write at most once per (customer, Idempotency-Key): the first request
 * claims the key and its answer is kept; the same key with the same body
 * replays that answer; with another body it is refused (422); while the first
 * is still running a duplicate gets 409 with Retry-After rather than waiting
 * (it holds no connection, and the client retries into a replay).
 */
@Injectable()
export class IdempotentRequestHandler {
  private readonly staleAfterMs: number;
  private readonly ttlMs: number;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(SERVICE_CONFIG) config: GatewayConfig,
  ) {
    // Past twice the upstream timeout, the first attempt's gateway is gone, not slow.
    this.staleAfterMs = Math.max(2 * config.UPSTREAM_TIMEOUT_MS, 10_000);
    this.ttlMs = config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000;
  }

  async execute(ref: KeyRef, hash: string, run: () => Promise<StoredResponse>): Promise<StoredResponse> {
    const now = new Date();
    const claim = await this.store.claim(ref, hash, now, new Date(now.getTime() - this.ttlMs));
    let token = claim.claimed ? claim.token : undefined;
    if (!claim.claimed) {
      const decision = decideReplay(claim.record, hash, now, this.staleAfterMs);
      switch (decision.kind) {
        case "replay":
          return decision.response;
        case "mismatch":
          throw new ProblemException({
            status: 422,
            title: "Unprocessable Content",
            type: problemType("idempotency-key-reused"),
            detail:
              "This Idempotency-Key was used with a different request; use a new key for a new request.",
          });
        case "in-progress":
          throw new KeyInProgress();
        case "take-over":
          token = await this.store.takeOver(ref, new Date(now.getTime() - this.staleAfterMs), now);
          if (!token) throw new KeyInProgress();
          break;
        default: {
          const _: never = decision;
          throw new Error(`unknown decision ${String(_)}`);
        }
      }
    }
    if (!token) throw new Error("an idempotency key runs only once claimed");
    const held = token;
    let response: StoredResponse;
    try {
      response = await run();
    } catch (error) {
      // Unreachable or failing upstream: nothing final happened that we know of; let a retry try again.
      await this.store.release(ref, held);
      throw error;
    }
    if (isReplayable(response.status)) await this.store.complete(ref, held, response);
    else await this.store.release(ref, held);
    return response;
  }
}
