import { Injectable, Logger } from "@nestjs/common";
import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { NotificationsRepository } from "../adapters/persistence/notifications.repository";
import { PaymentStatusRepository } from "../adapters/persistence/payment-status.repository";
import { TrackedOrdersRepository } from "../adapters/persistence/tracked-orders.repository";
import { decideRecoveryNotifications } from "../domain/notification.decide";
import { decideStatus, type CircuitReport } from "../domain/payment-status";
import { NotificationRecorder, type SourceEvent } from "./notification-recorder";

/**
 * A bank circuit report -> the public payment status and its incidents; when
 * an incident ends, one apology to each customer whose payment it held up.
 * Runs inside the consumer's inbox transaction, with the status row locked.
 */
@Injectable()
export class RecordCircuitReportHandler {
  private readonly logger = new Logger("PaymentStatus");

  constructor(
    private readonly status: PaymentStatusRepository,
    private readonly tracked: TrackedOrdersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly recorder: NotificationRecorder,
  ) {}

  async execute(manager: EntityManager, report: CircuitReport, source: SourceEvent): Promise<void> {
    const events = decideStatus(report, await this.status.lock(manager), randomUUID());
    await this.status.apply(manager, events);
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
