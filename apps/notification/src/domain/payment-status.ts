import { statusTexts } from "./notification-texts";

export type PaymentsHealth = "operational" | "degraded" | "outage";

export interface Incident {
  id: string;
  startedAt: string;
  message: string;
}

/**
 * The public status of payments. Invariants: there is never more than one
 * incident open; one is open whenever payments are not operational; and while
 * payments are operational with an incident open, they are recovering
 * (`recoveringSince`) and the incident ends once they stayed up for the quiet
 * period (decideQuiet). A breaker that flaps is one incident, not one per close.
 */
export interface PaymentsStatus {
  payments: PaymentsHealth;
  /** When `payments` last changed (RFC 3339 UTC). */
  since: string;
  message: string;
  openIncident: Incident | null;
  /** When a report last changed the status; null while none has (a fresh deployment). */
  changedAt: string | null;
  /** Since when payments are back up while the incident is still open; null otherwise. */
  recoveringSince: string | null;
}

/** What the payment service's circuit breakers report about the bank. */
export type CircuitReport =
  | { type: "CircuitOpened"; at: string }
  | { type: "CircuitHalfOpened"; at: string }
  | { type: "CircuitClosed"; at: string };

export type StatusEvent =
  | { type: "IncidentOpened"; incident: Incident }
  | { type: "PaymentsStatusChanged"; payments: PaymentsHealth; since: string; message: string }
  | { type: "IncidentResolved"; incidentId: string; resolvedAt: string };

const HEALTH_OF: Record<CircuitReport["type"], PaymentsHealth> = {
  CircuitOpened: "outage",
  CircuitHalfOpened: "degraded",
  CircuitClosed: "operational",
};

export const initialPaymentsStatus = (since: string): PaymentsStatus => ({
  payments: "operational",
  since,
  message: statusTexts.operational,
  openIncident: null,
  changedAt: null,
  recoveringSince: null,
});

/**
 * Several payment instances each run a breaker and each report, so the same
 * change arrives more than once and reports interleave. The status follows
 * the latest report; a report that repeats the current health changes nothing
 * (no second incident), and one older than the last change is stale and
 * cannot roll the status back. A close does not end the incident: recovery
 * starts, and decideQuiet ends it later. `newIncidentId` is used only if one opens.
 */
export function decideStatus(
  report: CircuitReport,
  state: PaymentsStatus,
  newIncidentId: string,
): StatusEvent[] {
  const health = HEALTH_OF[report.type];
  const stale = state.changedAt !== null && Date.parse(report.at) < Date.parse(state.changedAt);
  if (health === state.payments || stale) return [];
  const events: StatusEvent[] = [];
  if (health !== "operational" && state.openIncident === null) {
    events.push({
      type: "IncidentOpened",
      incident: { id: newIncidentId, startedAt: report.at, message: statusTexts.incident },
    });
  }
  events.push({
    type: "PaymentsStatusChanged",
    payments: health,
    since: report.at,
    message: statusTexts[health],
  });
  return events;
}

/**
 * Ends the open incident once payments have stayed operational for `quietMs`
 * (INCIDENT_QUIET_MS): only then are the delayed customers told their payment
 * goes through, once per incident however often the breakers flapped.
 */
export function decideQuiet(state: PaymentsStatus, now: Date, quietMs: number): StatusEvent[] {
  const { openIncident, recoveringSince } = state;
  if (!openIncident || state.payments !== "operational" || recoveringSince === null) return [];
  if (now.getTime() - Date.parse(recoveringSince) < quietMs) return [];
  return [{ type: "IncidentResolved", incidentId: openIncident.id, resolvedAt: now.toISOString() }];
}

export function evolveStatus(state: PaymentsStatus, event: StatusEvent): PaymentsStatus {
  switch (event.type) {
    case "IncidentOpened":
      return { ...state, openIncident: event.incident };
    case "PaymentsStatusChanged":
      return {
        ...state,
        payments: event.payments,
        since: event.since,
        message: event.message,
        changedAt: event.since,
        recoveringSince: event.payments === "operational" && state.openIncident ? event.since : null,
      };
    case "IncidentResolved":
      return { ...state, openIncident: null, recoveringSince: null };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
