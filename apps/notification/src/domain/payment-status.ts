import { statusTexts } from "./notification-texts";

export type PaymentsHealth = "operational" | "degraded" | "outage";

export interface Incident {
  id: string;
  startedAt: string;
  message: string;
}

/**
 * The public status of payments. Invariant: an incident is open exactly when
 * payments are not operational, and there is never more than one.
 */
export interface PaymentsStatus {
  payments: PaymentsHealth;
  /** When `payments` last changed (RFC 3339 UTC). */
  since: string;
  message: string;
  openIncident: Incident | null;
  /** When a report last changed the status; null while none has (a fresh deployment). */
  changedAt: string | null;
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
});

/**
 * Several payment instances each run a breaker and each report, so the same
 * change arrives more than once and reports interleave. The status follows
 * the latest report; a report that repeats the current health changes nothing
 * (no second incident), and one older than the last change is stale and
 * cannot roll the status back. `newIncidentId` is used only if one opens.
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
  if (health === "operational" && state.openIncident !== null) {
    events.push({ type: "IncidentResolved", incidentId: state.openIncident.id, resolvedAt: report.at });
  }
  return events;
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
      };
    case "IncidentResolved":
      return { ...state, openIncident: null };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
