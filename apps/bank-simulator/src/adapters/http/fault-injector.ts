import { Inject, Injectable, type BeforeApplicationShutdown } from "@nestjs/common";
import {
  admit,
  failsWithError,
  forcesDecline,
  losesResponse,
  NO_FAULTS,
  type FaultSettings,
  type RandomSource,
} from "../../domain/faults";
import { BankMetrics } from "../metrics/bank.metrics";
import { BankUnavailable } from "./bank-unavailable";

/** The random source fault decisions draw from; tests inject a fixed one. */
export const RANDOM_SOURCE = Symbol("RANDOM_SOURCE");

/**
 * Holds the fault settings (in memory: one simulator instance) and the count
 * of requests in flight, and plays the faults on the requests that reach it.
 */
@Injectable()
export class FaultInjector implements BeforeApplicationShutdown {
  private settings: FaultSettings = { ...NO_FAULTS };
  private inFlight = 0;
  private closing = false;
  private readonly sleepers = new Set<() => void>();

  constructor(
    @Inject(RANDOM_SOURCE) private readonly random: RandomSource,
    private readonly metrics: BankMetrics,
  ) {}

  state(): FaultSettings & { inFlight: number } {
    return { ...this.settings, inFlight: this.inFlight };
  }

  replace(settings: FaultSettings): FaultSettings & { inFlight: number } {
    this.settings = { ...settings };
    return this.state();
  }

  /**
   * A request arrives: counts it in flight, then applies admission (outage,
   * overload), latency and the error rate, throwing BankUnavailable for a
   * failure. Every call must be paired with leave(), also when it throws.
   */
  async enter(): Promise<void> {
    this.inFlight += 1;
    this.metrics.inFlight.set(this.inFlight);
    const faults = this.settings;
    const admission = admit(faults, this.inFlight, this.random);
    if (admission.kind === "outage") {
      this.metrics.faultInjected("outage");
      throw new BankUnavailable("The bank is down (simulated outage); nothing was processed.");
    }
    if (admission.kind === "overloaded") {
      if (admission.response === "unavailable") {
        this.metrics.faultInjected("overload-unavailable");
        throw new BankUnavailable("The bank is overloaded; nothing was processed.");
      }
      this.metrics.faultInjected("overload-stall");
      await this.sleep(admission.stallMs);
      throw new BankUnavailable(
        "The bank is overloaded: the request timed out in its queue; nothing was processed.",
      );
    }
    if (faults.latencyMs > 0) {
      this.metrics.faultInjected("latency");
      await this.sleep(faults.latencyMs);
    }
    if (failsWithError(faults, this.random)) {
      this.metrics.faultInjected("error");
      throw new BankUnavailable(
        "The bank failed to process the request (simulated error); nothing was processed.",
      );
    }
  }

  leave(): void {
    this.inFlight -= 1;
    this.metrics.inFlight.set(this.inFlight);
  }

  /** Draws whether an otherwise good charge is declined anyway. */
  forcesDecline(): boolean {
    return forcesDecline(this.settings, this.random);
  }

  /** Draws whether the response to a committed request is lost. */
  losesResponse(): boolean {
    const lost = losesResponse(this.settings, this.random);
    if (lost) this.metrics.faultInjected("lost-response");
    return lost;
  }

  /** Stalled and delayed requests end at once on shutdown, so closing never waits for a stall. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const wake of this.sleepers) wake();
  }

  private async sleep(ms: number): Promise<void> {
    if (!this.closing) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        this.sleepers.add(wake);
      });
    }
    if (this.closing) throw new BankUnavailable("The bank is shutting down; nothing was processed.");
  }
}
