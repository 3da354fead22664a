import { Injectable } from "@nestjs/common";
import { DataSource, type EntityManager } from "typeorm";
import {
  STATUS_LINES_MERGE_WITHIN_MS,
  timelineOf,
  type IncidentUpdate,
  type IncidentUpdateKind,
} from "../../domain/incident-updates";
import type { PaymentsHealth, PaymentsStatus, StatusEvent } from "../../domain/payment-status";
import type {
  IncidentSpan,
  PaymentStatusStore,
  StatusView,
} from "../../application/notification-store.ports";
import { queryRows } from "./query-rows";

export type { IncidentSpan, StatusView };

const MAX_INCIDENTS = 20;

/** The public payment status (one row) and its incidents. */
@Injectable()
export class PaymentStatusRepository implements PaymentStatusStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads the status for a change, locking it: reports are applied one at a time. */
  async lock(manager: EntityManager): Promise<PaymentsStatus> {
    const [status] = await queryRows<{
      payments: PaymentsHealth;
      since: Date;
      message: string;
      last_report_at: Date | null;
      recovering_since: Date | null;
    }>(
      manager,
      `SELECT payments, since, message, last_report_at, recovering_since FROM payment_status WHERE id = 1 FOR UPDATE`,
    );
    if (!status) throw new Error("payment_status has no row; run the migrations");
    const [incident] = await queryRows<{ id: string; started_at: Date; message: string }>(
      manager,
      `SELECT id, started_at, message FROM incidents WHERE resolved_at IS NULL`,
    );
    return {
      payments: status.payments,
      since: status.since.toISOString(),
      message: status.message,
      changedAt: status.last_report_at?.toISOString() ?? null,
      recoveringSince: status.recovering_since?.toISOString() ?? null,
      openIncident: incident
        ? { id: incident.id, startedAt: incident.started_at.toISOString(), message: incident.message }
        : null,
    };
  }

  /** Stores the events' effects: incidents opened and resolved, their timelines, and the status row as it now is. */
  async apply(
    manager: EntityManager,
    events: StatusEvent[],
    next: PaymentsStatus,
    openIncidentId: string | null,
  ): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) {
      switch (event.type) {
        case "IncidentOpened":
          await manager.query(`INSERT INTO incidents (id, started_at, message) VALUES ($1, $2, $3)`, [
            event.incident.id,
            event.incident.startedAt,
            event.incident.message,
          ]);
          break;
        case "PaymentsStatusChanged":
          break;
        case "IncidentResolved":
          await manager.query(`UPDATE incidents SET resolved_at = $2 WHERE id = $1`, [
            event.incidentId,
            event.resolvedAt,
          ]);
          break;
        default: {
          const _exhaustive: never = event;
          return _exhaustive;
        }
      }
    }
    for (const line of timelineOf(events, openIncidentId)) await this.addUpdate(line, manager);
    await manager.query(
      `UPDATE payment_status
          SET payments = $1, since = $2, message = $3, last_report_at = $4, recovering_since = $5
        WHERE id = 1`,
      [next.payments, next.since, next.message, next.changedAt, next.recoveringSince],
    );
  }

  /** Whether the incident exists, and whether it has ended; undefined for no such incident. */
  async incident(
    incidentId: string,
    runner: EntityManager | DataSource = this.dataSource,
  ): Promise<IncidentSpan | undefined> {
    const [row] = await queryRows<{ started_at: Date; resolved_at: Date | null }>(
      runner,
      `SELECT started_at, resolved_at FROM incidents WHERE id = $1`,
      [incidentId],
    );
    return (
      row && { resolved: row.resolved_at !== null, startedAt: row.started_at, resolvedAt: row.resolved_at }
    );
  }

  /**
   * A line on an incident's timeline, in the caller's transaction when given
   * one. A collapsible line replaces the latest line instead when that one is
   * collapsible too and recent (see IncidentUpdate.collapsible).
   */
  async addUpdate(
    update: IncidentUpdate,
    runner: EntityManager | DataSource = this.dataSource,
  ): Promise<void> {
    const { incidentId, at, kind, message, collapsible = false } = update;
    await runner.query(
      `WITH latest AS (
         SELECT id, at, collapsible FROM incident_updates WHERE incident_id = $1 ORDER BY at DESC, id DESC LIMIT 1
       ), merged AS (
         UPDATE incident_updates SET at = $2, message = $4
           FROM latest
          WHERE $5 AND incident_updates.id = latest.id AND latest.collapsible
            AND latest.at > $2::timestamptz - make_interval(secs => $6::double precision / 1000)
         RETURNING incident_updates.id
       )
       INSERT INTO incident_updates (incident_id, at, kind, message, collapsible)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM merged)`,
      [incidentId, at, kind, message, collapsible, STATUS_LINES_MERGE_WITHIN_MS],
    );
  }

  async view(): Promise<StatusView> {
    const [status] = await queryRows<{ payments: PaymentsHealth; since: Date; message: string }>(
      this.dataSource,
      `SELECT payments, since, message FROM payment_status WHERE id = 1`,
    );
    if (!status) throw new Error("payment_status has no row; run the migrations");
    const incidents = await queryRows<{
      id: string;
      started_at: Date;
      resolved_at: Date | null;
      message: string;
    }>(
      this.dataSource,
      `SELECT id, started_at, resolved_at, message FROM incidents ORDER BY started_at DESC, id DESC LIMIT $1`,
      [MAX_INCIDENTS],
    );
    const updates = await queryRows<{
      incident_id: string;
      at: Date;
      kind: IncidentUpdateKind;
      message: string;
    }>(
      this.dataSource,
      `SELECT incident_id, at, kind, message FROM incident_updates
        WHERE incident_id = ANY($1) ORDER BY at, id`,
      [incidents.map((incident) => incident.id)],
    );
    const timelineOf = (id: string) =>
      updates
        .filter((update) => update.incident_id === id)
        .map((update) => ({ at: update.at.toISOString(), kind: update.kind, message: update.message }));
    return {
      payments: status.payments,
      since: status.since.toISOString(),
      message: status.message,
      incidents: incidents.map((incident) => ({
        id: incident.id,
        startedAt: incident.started_at.toISOString(),
        ...(incident.resolved_at ? { resolvedAt: incident.resolved_at.toISOString() } : {}),
        message: incident.message,
        updates: timelineOf(incident.id),
      })),
    };
  }
}
