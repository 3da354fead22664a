import { quantile } from "../stats";
import type { ArrivalOutcome } from "./open-load";

/** Generator-side counts, once a second during a phase. */
export interface BacklogPoint {
  /** Seconds since the phase started. */
  t: number;
  accepted: number;
  finished: number;
}

/** What one phase of constant offered load did. */
export interface PhaseResult {
  ratePerSecond: number;
  durationS: number;
  offered: number;
  accepted: number;
  refused: number;
  failed: number;
  acceptMs: Percentiles;
  refusalMs: Percentiles;
  /** Sagas finished per second over the phase's second half (its steady state). */
  completedPerSecond: number;
  /** Growth of (accepted - finished) per second over the phase's second half. */
  backlogSlopePerSecond: number;
  backlog: BacklogPoint[];
  /** Refusals as the gateway timed them (arrival to answer written), when it exports them. */
  gatewayRefusals?: GatewayRefusals;
}

/** The gateway's own timing of a phase's refusals, from its histogram. */
export interface GatewayRefusals {
  count: number;
  /** Upper bound of the p99 (the bucket it falls in), in ms. */
  p99AtMostMs: number;
  /** Refusals written within 10 ms of arrival. */
  within10Ms: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export const percentilesOf = (values: readonly number[]): Percentiles => ({
  p50: quantile(values, 0.5),
  p99: quantile(values, 0.99),
  p999: quantile(values, 0.999),
  max: values.length ? Math.max(...values) : Number.NaN,
});

/** Summarises a phase from its arrivals' outcomes and its backlog points. */
export function phaseResult(
  ratePerSecond: number,
  durationS: number,
  outcomes: readonly ArrivalOutcome[],
  backlog: readonly BacklogPoint[],
): PhaseResult {
  const of = (kind: ArrivalOutcome["kind"]) => outcomes.filter((outcome) => outcome.kind === kind);
  const secondHalf = backlog.filter((point) => point.t >= durationS / 2);
  const first = secondHalf[0];
  const last = secondHalf.at(-1);
  const span = first && last ? last.t - first.t : 0;
  return {
    ratePerSecond,
    durationS,
    offered: outcomes.length,
    accepted: of("accepted").length,
    refused: of("refused").length,
    failed: of("failed").length,
    acceptMs: percentilesOf(of("accepted").map((outcome) => outcome.latencyMs)),
    refusalMs: percentilesOf(of("refused").map((outcome) => outcome.latencyMs)),
    completedPerSecond: span > 0 ? (last!.finished - first!.finished) / span : Number.NaN,
    backlogSlopePerSecond: slope(secondHalf.map((point) => [point.t, point.accepted - point.finished])),
    backlog: [...backlog],
  };
}

/** Least-squares slope of y over x (NaN for fewer than two points). */
export function slope(points: readonly (readonly [number, number])[]): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

/**
 * Whether the system kept up with a step: nearly everything offered was
 * accepted, the saga backlog stayed flat (grew by at most 5% of the rate, or
 * 2 per second), and accept p99 stayed within 3x the lightest step's (or 50 ms
 * above it, whichever is more lenient at low latencies).
 */
export function keptUp(step: PhaseResult, lightest: PhaseResult): boolean {
  const mostlyAccepted = step.accepted >= 0.95 * step.offered;
  const flatBacklog = step.backlogSlopePerSecond <= Math.max(0.05 * step.ratePerSecond, 2);
  const base = lightest.acceptMs.p99;
  const flatLatency = step.acceptMs.p99 <= Math.max(3 * base, base + 50);
  return mostlyAccepted && flatBacklog && flatLatency;
}

/** The knee: the highest step of an ascending step load before the first one the system did not keep up with. */
export function kneeOf(steps: readonly PhaseResult[]): PhaseResult | undefined {
  const lightest = steps[0];
  if (!lightest) return undefined;
  let knee: PhaseResult | undefined;
  for (const step of steps) {
    if (!keptUp(step, lightest)) break;
    knee = step;
  }
  return knee;
}
