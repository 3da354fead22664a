import { Injectable } from "@nestjs/common";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { CircuitChange } from "../bank/http-bank-gateway";
import {
  BANK_OPERATIONS,
  BANK_REQUEST_OUTCOMES,
  type BankOperation,
  type BankRequestOutcome,
} from "../bank/bank-request-outcome";

/** The value of peakshop_bank_circuit_state: 0 closed, 1 half-open, 2 open; higher is worse. */
export function circuitStateValue(state: CircuitChange["state"]): 0 | 1 | 2 {
  switch (state) {
    case "closed":
      return 0;
    case "half-open":
      return 1;
    case "open":
      return 2;
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

/** How the bank answers this instance and whether its circuit lets requests through. */
@Injectable()
export class BankGatewayMetrics {
  private readonly requests: Counter<"operation" | "outcome">;
  private readonly duration: Histogram<"operation">;
  private readonly circuit: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: "peakshop_bank_requests_total",
      help: "Requests to the bank, by operation (charge, refund, lookup) and outcome (success, declined, error, timeout; rejected: not sent, circuit open or bulkhead full)",
      labelNames: ["operation", "outcome"],
      registers,
    });
    this.duration = new Histogram({
      name: "peakshop_bank_request_duration_seconds",
      help: "Seconds the bank took to answer (or to time out), by operation; requests never sent are not observed",
      labelNames: ["operation"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers,
    });
    this.circuit = new Gauge({
      name: "peakshop_bank_circuit_state",
      help: "This instance's circuit breaker toward the bank: 0 closed, 1 half-open (one probe let through), 2 open (requests rejected)",
      registers,
    });
    // Zero series from the start, so rate() and alerts see them before the first request.
    for (const operation of BANK_OPERATIONS) {
      this.duration.zero({ operation });
      for (const outcome of BANK_REQUEST_OUTCOMES) this.requests.inc({ operation, outcome }, 0);
    }
    this.circuit.set(circuitStateValue("closed"));
  }

  requestFinished(operation: BankOperation, outcome: BankRequestOutcome, seconds?: number): void {
    this.requests.inc({ operation, outcome });
    if (seconds !== undefined) this.duration.observe({ operation }, seconds);
  }

  circuitChanged(change: CircuitChange): void {
    this.circuit.set(circuitStateValue(change.state));
  }
}
