import type { PaymentStatus } from "@peakshop/client";

type Incident = PaymentStatus["incidents"][number];

const KIND_LABEL = { status: "Status", update: "Update", apology: "What happened" } as const;

/** An incident's lines, oldest first, as a microblog: status changes and what people posted. */
export function IncidentTimeline({ incident }: { incident: Incident }) {
  const lines = incident.updates.length
    ? incident.updates
    : [{ at: incident.startedAt, kind: "status" as const, message: incident.message }];
  return (
    <ol className="timeline" aria-label={`Incident of ${new Date(incident.startedAt).toLocaleString()}`}>
      {lines.map((line, index) => (
        <li key={`${line.at}-${index}`} className={`line line-${line.kind}`} data-kind={line.kind}>
          <time dateTime={line.at}>{new Date(line.at).toLocaleString()}</time>{" "}
          <strong>{KIND_LABEL[line.kind]}:</strong> {line.message}
        </li>
      ))}
    </ol>
  );
}
