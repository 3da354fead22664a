import type { OutboxMessage, SqlStatement } from "@peakshop/eventsourcing";
import type { DataSource, EntityManager } from "typeorm";
import type { IncidentUpdate, IncidentUpdateKind } from "../domain/incident-updates";
import type { PaymentsHealth, PaymentsStatus, StatusEvent } from "../domain/payment-status";
import type { DelayedOrder, NotificationKind, OrderFact } from "../domain/notification.types";

/**
 * What notification's use cases need from its database. Each is an abstract
 * class so Nest can inject it by type; adapters/persistence implements them
 * in SQL. Writes given a `manager` run in the caller's transaction.
 */

/** The notifications table and what hangs off it. */
export abstract class Notifications {
  /**
   * Inserts the notifications whose dedupe key is new, their deliveries, and
   * the in-app telling (queueing `notices[i]` for rows[i] if in-app had not
   * told it yet), in one statement; the ids inserted and those told in-app now.
   */
  abstract insertNew(
    manager: EntityManager,
    rows: NotificationRow[],
    deliveries: DeliveryRow[],
    toldInAppAt: Date,
    notices: OutboxMessage[],
  ): Promise<{ inserted: Set<string>; firstInApp: Set<string> }>;
  /** insertNew's writes, for a statement that holds the message's other writes too. */
  abstract insertWrites(
    rows: NotificationRow[],
    deliveries: DeliveryRow[],
    toldInAppAt: Date,
    notices: OutboxMessage[],
  ): SqlStatement[];
  /** Records that a channel told the customers; returns the ids it had not told yet. */
  abstract markNotified(
    manager: EntityManager,
    notificationIds: string[],
    channel: string,
    at: Date,
  ): Promise<Set<string>>;
  abstract kindsSentFor(manager: EntityManager, orderId: string): Promise<Set<NotificationKind>>;
  abstract customersToldAbout(manager: EntityManager, incidentId: string): Promise<Set<string>>;
}

/** The durable delivery queue of e-mails and webhooks. */
export abstract class Deliveries {
  /** Claims up to `limit` due deliveries for `leaseMs` (a lost claim comes due again). */
  abstract claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** Marks sent deliveries done; returns the ids this call settled. */
  abstract markDelivered(manager: EntityManager, ids: string[]): Promise<Set<string>>;
  abstract scheduleRetry(id: string, delayMs: number, error: string): Promise<void>;
  abstract markFailed(id: string, error: string): Promise<void>;
}

/** What notification remembers of each order: whose, delayed or not, final or not. */
export abstract class TrackedOrders {
  /** Remembers a fact's order: a write for the statement that holds the fact's other writes. */
  abstract trackStatement(fact: OrderFact): SqlStatement;
  /** Orders whose payment was delayed at or before `at` and that are still open then. */
  abstract delayedAndOpen(manager: EntityManager, at: string): Promise<DelayedOrder[]>;
  /** Customers with an order whose payment was held up while the incident was open. */
  abstract customersDelayedDuring(
    manager: EntityManager,
    startedAt: Date,
    resolvedAt: Date,
  ): Promise<string[]>;
}

/** The public payment status (one row) and its incidents. */
export abstract class PaymentStatusStore {
  /** Reads the status for a change, locking it: reports are applied one at a time. */
  abstract lock(manager: EntityManager): Promise<PaymentsStatus>;
  /** Stores the events' effects: incidents opened and resolved, their timelines, and the status as it now is. */
  abstract apply(
    manager: EntityManager,
    events: StatusEvent[],
    next: PaymentsStatus,
    openIncidentId: string | null,
  ): Promise<void>;
  /** Whether the incident exists, and whether it has ended; undefined for no such incident. */
  abstract incident(
    incidentId: string,
    runner?: EntityManager | DataSource,
  ): Promise<IncidentSpan | undefined>;
  /** A line on an incident's timeline, in the caller's transaction when given one. */
  abstract addUpdate(update: IncidentUpdate, runner?: EntityManager | DataSource): Promise<void>;
  abstract view(): Promise<StatusView>;
}

export interface NotificationRow {
  id: string;
  customerId: string;
  orderId: string | null;
  kind: NotificationKind;
  message: string;
  subject: string;
  dedupeKey: string;
  sourceEventId: string;
  correlationId: string;
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  notificationId: string;
  channel: "email" | "webhook";
  target: string;
  payload: unknown;
  createdAt: Date;
}

export interface ClaimedDelivery {
  id: string;
  channel: "email" | "webhook";
  target: string;
  payload: unknown;
  /** This attempt's number, 1-based (counted at the claim, so a crash mid-send counts too). */
  attempt: number;
  notificationId: string;
  customerId: string;
  orderId: string | null;
  kind: NotificationKind;
  correlationId: string;
  /** The trace that decided the delivery (W3C traceparent), continued when it is sent. */
  traceparent?: string;
}

/** When an incident began and, once resolved, ended. */
export interface IncidentSpan {
  resolved: boolean;
  startedAt: Date;
  resolvedAt: Date | null;
}

export interface StatusView {
  payments: PaymentsHealth;
  since: string;
  message: string;
  incidents: {
    id: string;
    startedAt: string;
    resolvedAt?: string;
    message: string;
    /** The incident's timeline, oldest first. */
    updates: { at: string; kind: IncidentUpdateKind; message: string }[];
  }[];
}
