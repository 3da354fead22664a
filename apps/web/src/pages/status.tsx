import { describeAge } from "../domain/age";
import { usePaymentStatus } from "../use-payment-status";

const WORDS = {
  operational: "Payments are working normally.",
  degraded: "Payments are slow: some take longer than usual.",
  outage: "Payments are down: our bank is not answering.",
} as const;

/** The public status page: no sign-in, cheap to serve, and still readable with the last known state when the API is not. */
export function StatusPage() {
  const { status, readAt, stale } = usePaymentStatus(15_000);
  if (!status) return <p>Reading the current status…</p>;
  const open = status.incidents.filter((incident) => !incident.resolvedAt);
  const past = status.incidents.filter((incident) => incident.resolvedAt);
  return (
    <section className="card">
      <h1>peakshop status</h1>
      <p className={`state state-${status.payments}`} data-testid="payments-state">
        {WORDS[status.payments]}
      </p>
      <p>{status.message}</p>
      <p className="muted">
        {stale && readAt
          ? `We cannot reach peakshop right now; this is what we knew ${describeAge(readAt, new Date())}.`
          : `Since ${new Date(status.since).toLocaleString()}.`}
      </p>
      {open.length > 0 && (
        <>
          <h2>What is happening</h2>
          <ul className="timeline">
            {open.map((incident) => (
              <li key={incident.id}>
                <time dateTime={incident.startedAt}>{new Date(incident.startedAt).toLocaleString()}</time>{" "}
                {incident.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h2>Past incidents</h2>
          <ul className="timeline">
            {past.map((incident) => (
              <li key={incident.id}>
                <time dateTime={incident.startedAt}>{new Date(incident.startedAt).toLocaleString()}</time>{" "}
                {incident.message} <span className="muted">(resolved)</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
