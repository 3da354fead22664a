import { Injectable } from "@nestjs/common";
import { Counter, Gauge, Registry } from "prom-client";

export type InjectedFault =
  | "outage"
  | "overload-unavailable"
  | "overload-stall"
  | "latency"
  | "error"
  | "lost-response"
  | "forced-decline";

/** What the bank did and which faults it injected, for dashboards and test assertions. */
@Injectable()
export class BankMetrics {
  /** New charges by outcome (replays are counted apart). */
  readonly charges: Counter<"outcome">;
  readonly refunds: Counter;
  readonly replays: Counter<"operation">;
  readonly faults: Counter<"fault">;
  readonly inFlight: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.charges = new Counter({
      name: "peakshop_bank_simulator_charges_total",
      help: "Charges created, by outcome (captured, declined)",
      labelNames: ["outcome"],
      registers,
    });
    this.refunds = new Counter({
      name: "peakshop_bank_simulator_refunds_total",
      help: "Refunds created",
      registers,
    });
    this.replays = new Counter({
      name: "peakshop_bank_simulator_idempotent_replays_total",
      help: "Requests answered from an earlier one with the same Idempotency-Key, by operation",
      labelNames: ["operation"],
      registers,
    });
    this.faults = new Counter({
      name: "peakshop_bank_simulator_faults_injected_total",
      help: "Faults injected into requests, by fault",
      labelNames: ["fault"],
      registers,
    });
    this.inFlight = new Gauge({
      name: "peakshop_bank_simulator_requests_in_flight",
      help: "Charge and refund requests in flight, the load the capacity fault compares with",
      registers,
    });
  }

  faultInjected(fault: InjectedFault): void {
    this.faults.inc({ fault });
  }
}
