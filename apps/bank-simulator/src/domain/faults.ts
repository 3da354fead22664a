/**
 * The ways the simulated bank misbehaves, as a real one does at peak. Deciding
 * is pure: the random source is passed in (tests give a fixed one), and it is
 * drawn from only for probabilities strictly between 0 and 1, so settings of
 * 0 and 1 behave the same whatever the source returns.
 */
export interface FaultSettings {
  /** Delay before a request is processed, milliseconds. */
  latencyMs: number;
  /** Share of requests answered 503 before anything is committed, in [0, 1]. */
  errorRate: number;
  /** Every request is answered 503, nothing committed. */
  outage: boolean;
  /** Requests in flight the bank handles well; past it, it degrades. null: unlimited. */
  capacity: number | null;
  /** Share of overload failures that stall (then 503) rather than fail fast with 503, in [0, 1]. */
  overloadStallShare: number;
  /** How long an overload stall lasts before its 503, milliseconds: far beyond a sane client timeout. */
  overloadStallMs: number;
  /** Share of charges and refunds committed whose response is then lost (connection reset), in [0, 1]. */
  lostResponseRate: number;
  /** Share of otherwise good charges declined ("card-declined"), in [0, 1]. */
  declineRate: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  outage: false,
  capacity: null,
  overloadStallShare: 0.5,
  overloadStallMs: 10_000,
  lostResponseRate: 0,
  declineRate: 0,
});

/** A source of uniform numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

export type Admission =
  | { kind: "admitted" }
  | { kind: "outage" }
  | { kind: "overloaded"; response: "unavailable" }
  | { kind: "overloaded"; response: "stall"; stallMs: number };

export function happens(probability: number, random: RandomSource): boolean {
  if (probability <= 0) return false;
  if (probability >= 1) return true;
  return random() < probability;
}

/**
 * Within capacity nothing fails; past it the share of failures grows with the
 * overload (1 - capacity/n: twice the capacity fails half the requests), so
 * more load means less throughput, the collapse a bank shows at peak.
 */
export function overloadFailureProbability(capacity: number | null, inFlight: number): number {
  if (capacity === null || inFlight <= capacity) return 0;
  return 1 - capacity / inFlight;
}

/** Whether a request that arrives with `inFlight` requests in flight (itself included) gets in. */
export function admit(faults: FaultSettings, inFlight: number, random: RandomSource): Admission {
  if (faults.outage) return { kind: "outage" };
  if (!happens(overloadFailureProbability(faults.capacity, inFlight), random)) return { kind: "admitted" };
  return happens(faults.overloadStallShare, random)
    ? { kind: "overloaded", response: "stall", stallMs: faults.overloadStallMs }
    : { kind: "overloaded", response: "unavailable" };
}

/** After the latency: does this request fail with a 503 before processing? */
export const failsWithError = (faults: FaultSettings, random: RandomSource) =>
  happens(faults.errorRate, random);

/** Is this otherwise good charge declined anyway? */
export const forcesDecline = (faults: FaultSettings, random: RandomSource) =>
  happens(faults.declineRate, random);

/** After commit: is the response dropped? */
export const losesResponse = (faults: FaultSettings, random: RandomSource) =>
  happens(faults.lostResponseRate, random);
