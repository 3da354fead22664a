import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describeNetworkFault, type NetworkFault } from "./network-faults";

/** The bank simulator's fault settings (its PUT /v1/faults); omitted ones are off. */
export interface BankFaults {
  latencyMs?: number;
  errorRate?: number;
  outage?: boolean;
  capacity?: number | null;
  lostResponseRate?: number;
}

export type Fault =
  | { kind: "bank"; name: string; faults: BankFaults }
  /** Stopped and started again: a service, or Kafka or PostgreSQL. */
  | { kind: "restart"; service: string }
  /** SIGKILL, then started again after the fault's `forMs`. */
  | { kind: "kill"; services: string[] }
  /** The wire between a service and one peer misbehaves for the fault's `forMs`. */
  | { kind: "network"; service: string; peer: string; network: NetworkFault };

/** One fault, on from `atMs` (since the campaign started) for `forMs`. */
export interface ScheduledFault {
  atMs: number;
  forMs: number;
  fault: Fault;
}

export interface ScheduleOptions {
  /** How long faults may be on; the campaign heals at the end of it. */
  durationMs: number;
  /** The client's timeout toward the bank: "slow" faults go beyond it. */
  bankTimeoutMs: number;
  /** Longest single fault, so each leaves time for the saga to recover before the next. */
  maxFaultMs?: number;
  /** What may be restarted (default: payment, the one the in-process system can restart). */
  restartable?: readonly string[];
  /** Services that may be killed with SIGKILL, one or several at once (none by default). */
  killable?: readonly string[];
  /** Services whose wire to each of their peers may congest, drop or reset (none by default). */
  networked?: readonly { service: string; peers: readonly string[] }[];
}

/** The bank's failure modes a festival brings, each at the strength a seed draws. */
const BANK_FAULTS: readonly ((draw: (from: number, to: number) => number, timeoutMs: number) => Fault)[] = [
  (draw, timeoutMs) => ({
    kind: "bank",
    name: "slow, then commits (beyond the client timeout)",
    faults: { latencyMs: timeoutMs + draw(200, 2_000) },
  }),
  (draw) => ({ kind: "bank", name: "error burst", faults: { errorRate: draw(30, 100) / 100 } }),
  () => ({ kind: "bank", name: "outage", faults: { outage: true } }),
  (draw) => ({ kind: "bank", name: "capacity collapse", faults: { capacity: draw(1, 3), latencyMs: 300 } }),
  (draw) => ({
    kind: "bank",
    name: "responses lost after commit",
    faults: { lostResponseRate: draw(30, 100) / 100 },
  }),
];

/**
 * Draws a fault schedule from a seed: the same seed always gives the same
 * schedule, so a failing seed replays. The timeline is cut into slots; each
 * slot holds one bank fault (the simulator has one fault setting at a time) or
 * stays quiet; restarts and kills may fall anywhere, over bank faults too.
 * Every fault ends before `durationMs`.
 */
export function drawSchedule(seed: number, options: ScheduleOptions): ScheduledFault[] {
  const rng = xoroshiro128plus(seed);
  const draw = (from: number, to: number) => uniformInt(rng, from, to);
  const maxFaultMs = options.maxFaultMs ?? 8_000;
  const slots = Math.max(1, Math.floor(options.durationMs / maxFaultMs));
  const slotMs = Math.floor(options.durationMs / slots);
  const schedule: ScheduledFault[] = [];
  for (let slot = 0; slot < slots; slot++) {
    if (draw(0, 3) === 0) continue; // a quiet slot: recovery between faults is part of the test
    const forMs = draw(Math.floor(slotMs / 3), slotMs - 500);
    const atMs = slot * slotMs + draw(0, slotMs - forMs - 1);
    const fault = BANK_FAULTS[draw(0, BANK_FAULTS.length - 1)]!(draw, options.bankTimeoutMs);
    schedule.push({ atMs, forMs, fault });
  }
  const restartable = options.restartable ?? ["payment"];
  const restarts = restartable.length > 0 ? draw(0, 2) : 0;
  for (let i = 0; i < restarts; i++) {
    schedule.push({
      atMs: draw(0, options.durationMs - 2_000),
      forMs: 0,
      fault: { kind: "restart", service: restartable[draw(0, restartable.length - 1)]! },
    });
  }
  const killable = options.killable ?? [];
  const kills = killable.length > 0 ? draw(1, 3) : 0;
  for (let i = 0; i < kills; i++) {
    const first = draw(0, killable.length - 1);
    const services = [killable[first]!];
    // Sometimes two at once, as when a node dies.
    if (killable.length > 1 && draw(0, 2) === 0) services.push(killable[(first + 1) % killable.length]!);
    const forMs = draw(500, 5_000);
    schedule.push({
      atMs: draw(0, options.durationMs - forMs - 1),
      forMs,
      fault: { kind: "kill", services },
    });
  }
  schedule.push(...drawNetworkFaults(draw, options));
  return schedule.sort((a, b) => a.atMs - b.atMs);
}

const WIRE_GAP_MS = 1_000;

/** The ways a wire fails, each at the strength a seed draws. */
const NETWORK_FAULTS: readonly ((draw: (from: number, to: number) => number) => NetworkFault)[] = [
  (draw) => ({ mode: "congestion", rateKbit: draw(16, 256) }),
  (draw) => ({ mode: "loss", percent: draw(5, 60) }),
  () => ({ mode: "reset" }),
];

// Drawn after every other fault, so that a schedule without wires to break
// stays what the same seed drew before network faults existed.
function drawNetworkFaults(draw: (from: number, to: number) => number, options: ScheduleOptions) {
  const networked = options.networked ?? [];
  if (networked.length === 0) return [];
  const drawn: ScheduledFault[] = [];
  const count = draw(1, 4);
  for (let i = 0; i < count; i++) {
    const { service, peers } = networked[draw(0, networked.length - 1)]!;
    const peer = peers[draw(0, peers.length - 1)]!;
    const forMs = draw(2_000, 15_000);
    const atMs = draw(0, options.durationMs - forMs - 1);
    const network = NETWORK_FAULTS[draw(0, NETWORK_FAULTS.length - 1)]!(draw);
    // One wire fault per service at a time, a second apart: mending takes off
    // all of a service's tc and iptables state, so it must not meet the next.
    const overlaps = drawn.some(
      (other) =>
        other.fault.kind === "network" &&
        other.fault.service === service &&
        other.atMs < atMs + forMs + WIRE_GAP_MS &&
        atMs < other.atMs + other.forMs + WIRE_GAP_MS,
    );
    if (!overlaps) drawn.push({ atMs, forMs, fault: { kind: "network", service, peer, network } });
  }
  return drawn;
}

/** One line per fault, for the campaign's report. */
export function describeSchedule(schedule: readonly ScheduledFault[]): string[] {
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return schedule.map(({ atMs, forMs, fault }) => {
    switch (fault.kind) {
      case "bank":
        return `${seconds(atMs)} s: bank ${fault.name} for ${seconds(forMs)} s ${JSON.stringify(fault.faults)}`;
      case "restart":
        return `${seconds(atMs)} s: restart ${fault.service}`;
      case "kill":
        return `${seconds(atMs)} s: SIGKILL ${fault.services.join(" and ")}, started again after ${seconds(forMs)} s`;
      case "network":
        return `${seconds(atMs)} s: ${fault.service} to ${fault.peer}: ${describeNetworkFault(fault.network)} for ${seconds(forMs)} s`;
    }
  });
}
