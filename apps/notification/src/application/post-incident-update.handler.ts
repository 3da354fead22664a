import { Injectable, Logger } from "@nestjs/common";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { refusePost, type IncidentUpdateKind } from "../domain/incident-updates";
import { decideApologyNotifications } from "../domain/notification.decide";
import { NotificationRecorder } from "./notification-recorder";
import { PaymentStatusStore, TrackedOrders } from "./notification-store.ports";

export interface PostedUpdate {
  incidentId: string;
  at: string;
  kind: Exclude<IncidentUpdateKind, "status">;
  message: string;
  /** For an apology: customers it was sent to now (0 when each had been told by an earlier post). */
  notifiedCustomers?: number;
}

export type PostOutcome =
  | { posted: PostedUpdate }
  | { refused: "no-such-incident" }
  | { refused: "incident-still-open"; detail: string };

/**
 * A person's post on an incident's timeline. An apology also goes to every
 * customer whose payment the incident held up, in the same transaction as
 * the timeline line: the status page and the inboxes tell the same story.
 */
@Injectable()
export class PostIncidentUpdateHandler {
  private readonly logger = new Logger("Incidents");

  constructor(
    private readonly dataSource: DataSource,
    private readonly status: PaymentStatusStore,
    private readonly tracked: TrackedOrders,
    private readonly recorder: NotificationRecorder,
  ) {}

  async execute(incidentId: string, kind: PostedUpdate["kind"], message: string): Promise<PostOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const incident = await this.status.incident(incidentId, manager);
      if (!incident) return { refused: "no-such-incident" as const };
      const refusal = refusePost(kind, incident);
      if (refusal) return { refused: "incident-still-open" as const, detail: refusal };
      const now = new Date();
      const posted: PostedUpdate = { incidentId, at: now.toISOString(), kind, message };
      await this.status.addUpdate(posted, manager);
      if (kind !== "apology" || !incident.resolvedAt) return { posted };
      const customers = await this.tracked.customersDelayedDuring(
        manager,
        incident.startedAt,
        incident.resolvedAt,
      );
      const stored = await this.recorder.record(
        manager,
        decideApologyNotifications(incidentId, message, customers),
        { eventId: randomUUID(), correlationId: incidentId },
        now,
      );
      this.logger.log({ incidentId, customers: stored.length }, "apology posted; customers told");
      return { posted: { ...posted, notifiedCustomers: stored.length } };
    });
  }
}
