import { Injectable, Logger } from "@nestjs/common";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { decideRecoveryNotifications } from "../domain/notification.decide";
import {
  decideQuiet,
  decideStatus,
  evolveStatus,
  type CircuitReport,
  type PaymentsStatus,
  type StatusEvent,
} from "../domain/payment-status";
import { NotificationRecorder, type SourceEvent } from "./notification-recorder";
import { Notifications, PaymentStatusStore, TrackedOrders } from "./notification-store.ports";

/**
 * A bank circuit report -> the public payment status and its incidents; when
 * an incident ends (payments stayed up for INCIDENT_QUIET_MS: see
 * decideQuiet), one apology to each customer whose payment it held up. Runs
 * inside the consumer's inbox transaction (a report) or the recovery worker's
 * (a quiet check), with the status row locked, so replicas take turns.
 */
@Injectable()
export class RecordCircuitReportHandler {
  private readonly logger = new Logger("PaymentStatus");

  constructor(
    private readonly status: PaymentStatusStore,
    private readonly tracked: TrackedOrders,
    private readonly notifications: Notifications,
    private readonly recorder: NotificationRecorder,
  ) {}

  async execute(manager: EntityManager, report: CircuitReport, source: SourceEvent): Promise<void> {
    const state = await this.status.lock(manager);
    await this.settle(manager, state, decideStatus(report, state, randomUUID()), source);
  }

  /** Ends the open incident if payments stayed up long enough; true when it did. */
  async endIncidentIfQuiet(manager: EntityManager, now: Date, quietMs: number): Promise<boolean> {
    const state = await this.status.lock(manager);
    const events = decideQuiet(state, now, quietMs);
    const incidentId = state.openIncident?.id;
    if (events.length === 0 || !incidentId) return false;
    await this.settle(manager, state, events, { eventId: randomUUID(), correlationId: incidentId });
    return true;
  }

  private async settle(
    manager: EntityManager,
    state: PaymentsStatus,
    events: StatusEvent[],
    source: SourceEvent,
  ): Promise<void> {
    await this.status.apply(
      manager,
      events,
      events.reduce(evolveStatus, state),
      state.openIncident?.id ?? null,
    );
    for (const event of events) {
      if (event.type === "PaymentsStatusChanged") {
        const level = event.payments === "operational" ? "log" : "warn";
        this.logger[level]({ payments: event.payments, since: event.since }, `payments ${event.payments}`);
      }
      if (event.type !== "IncidentResolved") continue;
      const delayed = await this.tracked.delayedAndOpen(manager, event.resolvedAt);
      const alreadyTold = await this.notifications.customersToldAbout(manager, event.incidentId);
      const stored = await this.recorder.record(
        manager,
        decideRecoveryNotifications(event.incidentId, delayed, alreadyTold),
        source,
        new Date(),
      );
      this.logger.log(
        { incidentId: event.incidentId, customers: stored.length },
        "incident resolved; customers told",
      );
    }
  }
}
