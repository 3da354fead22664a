import { statusTexts } from "./notification-texts";
import type { StatusEvent } from "./payment-status";

/**
 * A line of an incident's public timeline: `status` lines are written by the
 * status itself as it changes; `update` (what we know, what we do) and
 * `apology` (what happened, said after recovery) are written by people.
 */
export type IncidentUpdateKind = "status" | "update" | "apology";

export interface IncidentUpdate {
  incidentId: string;
  at: string;
  kind: IncidentUpdateKind;
  message: string;
  /**
   * A change of payments while the incident is open. It replaces the line
   * before it when that one is such a change too, written less than
   * STATUS_LINES_MERGE_WITHIN_MS earlier: a breaker that flaps every second
   * reads as one line that says how things stand, not as a hundred.
   */
  collapsible?: boolean;
}

export const STATUS_LINES_MERGE_WITHIN_MS = 120_000;

/**
 * The timeline lines the status events of one report write: the incident's
 * opening, each change of payments while it is open, and its end. A change
 * with no incident open (none is, while payments are operational and quiet)
 * writes none.
 */
export function timelineOf(events: readonly StatusEvent[], openIncidentId: string | null): IncidentUpdate[] {
  let incidentId = openIncidentId;
  const lines: IncidentUpdate[] = [];
  for (const event of events) {
    switch (event.type) {
      case "IncidentOpened":
        incidentId = event.incident.id;
        lines.push({
          incidentId,
          at: event.incident.startedAt,
          kind: "status",
          message: event.incident.message,
        });
        break;
      case "PaymentsStatusChanged":
        if (incidentId)
          lines.push({
            incidentId,
            at: event.since,
            kind: "status",
            message: event.message,
            collapsible: true,
          });
        break;
      case "IncidentResolved":
        lines.push({
          incidentId: event.incidentId,
          at: event.resolvedAt,
          kind: "status",
          message: statusTexts.resolved,
        });
        incidentId = null;
        break;
    }
  }
  return lines;
}

/** Why a person's post cannot go on an incident's timeline, or undefined when it can. */
export function refusePost(
  kind: Exclude<IncidentUpdateKind, "status">,
  incident: { resolved: boolean },
): string | undefined {
  // An apology says what happened; before recovery nobody knows yet, and saying sorry too early reads as "it is over".
  if (kind === "apology" && !incident.resolved)
    return "An apology is posted once the incident is resolved; post an update while it is open.";
  return undefined;
}
