import { Injectable, Logger } from "@nestjs/common";
import {
  BankCircuitClosedV1,
  BankCircuitHalfOpenedV1,
  BankCircuitOpenedV1,
  recordOf,
} from "@peakshop/contracts";
import { PostgresEventStore } from "@peakshop/eventsourcing";
import { randomUUID } from "node:crypto";
import type { CircuitChange } from "./http-bank-gateway";

const STREAM = "bank-gateway";

/**
 * Publishes the circuit breaker's state changes (the status page and the
 * customers' notifications follow them). Appended to the gateway's own stream
 * with its outbox message, so a change is never told without being recorded.
 */
@Injectable()
export class BankHealthRecorder {
  private readonly logger = new Logger("BankHealth");

  constructor(private readonly store: PostgresEventStore) {}

  /** `errorRate`: the bank's recent error rate as this instance saw it when the change happened. */
  record(change: CircuitChange, errorRate = 1): void {
    const at = new Date().toISOString();
    const id = randomUUID();
    const meta = {
      id,
      source: "peakshop/payment",
      streamId: STREAM,
      streamVersion: 0,
      correlationId: id,
      causationId: id,
      time: at,
    };
    const record =
      change.state === "open"
        ? recordOf(
            BankCircuitOpenedV1,
            {
              gatewayId: "bank",
              reason: change.reason.slice(0, 500) || "failing",
              errorRate,
              openedAt: at,
            },
            meta,
          )
        : change.state === "half-open"
          ? recordOf(BankCircuitHalfOpenedV1, { gatewayId: "bank", at }, meta)
          : recordOf(BankCircuitClosedV1, { gatewayId: "bank", closedAt: at }, meta);
    this.logger.warn({ circuit: change.state }, `bank circuit ${change.state}`);
    this.store
      .append(STREAM, "any", [{ id, type: `BankCircuit:${change.state}`, data: change }], {
        outbox: [record],
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error }, "could not record the bank circuit change"),
      );
  }
}
