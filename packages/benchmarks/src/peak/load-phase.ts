import type { AcceptedCheckout, GatewayShopper } from "./gateway-shopper";
import { phaseResult, type BacklogPoint, type PhaseResult } from "./load-steps";
import { runOpenLoad } from "./open-load";
import type { SystemSampler } from "./system-sampler";

export interface LoadPhaseOptions {
  shopper: GatewayShopper;
  sampler: SystemSampler;
  /** Prefix of this run's customers and SKUs, so runs never share carts. */
  run: string;
  skus: readonly string[];
  ratePerSecond: number;
  durationS: number;
  /** Arrivals waiting at once before new ones count as failed (bounds the generator). */
  maxInFlight?: number;
}

/**
 * One phase of constant offered load: arrivals at a fixed rate, each a new
 * customer who adds one item and checks out. Once a second it reads how many
 * sagas the order service has finished, so the backlog (accepted - finished)
 * can be followed while the phase runs.
 */
export async function runLoadPhase(
  options: LoadPhaseOptions,
  phase: string,
): Promise<{ result: PhaseResult; checkouts: AcceptedCheckout[] }> {
  const { shopper, sampler } = options;
  const checkouts: AcceptedCheckout[] = [];
  const backlog: BacklogPoint[] = [];
  const finishedAtStart = await sampler.ordersFinished();
  const started = performance.now();
  const follow = setInterval(() => {
    void sampler.ordersFinished().then((finished) =>
      backlog.push({
        t: (performance.now() - started) / 1000,
        accepted: checkouts.length,
        finished: finished - finishedAtStart,
      }),
    );
  }, 1_000);
  try {
    const load = await runOpenLoad({
      ratePerSecond: options.ratePerSecond,
      durationMs: options.durationS * 1000,
      maxInFlight: options.maxInFlight ?? 4_000,
      arrive: (index) =>
        shopper.checkOut(
          `peak-${options.run}-${phase}-${index}`,
          options.skus[index % options.skus.length]!,
          (checkout) => checkouts.push(checkout),
        ),
    });
    return {
      result: phaseResult(options.ratePerSecond, options.durationS, load.outcomes, backlog),
      checkouts,
    };
  } finally {
    clearInterval(follow);
  }
}

/** Waits until the order service has finished `expected` sagas more than at `since`, or the time is up. */
export async function drain(
  sampler: SystemSampler,
  since: number,
  expected: number,
  timeoutMs: number,
): Promise<{ drained: boolean; waitedMs: number }> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await sampler.ordersFinished()) - since >= expected)
      return { drained: true, waitedMs: performance.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { drained: false, waitedMs: performance.now() - started };
}
