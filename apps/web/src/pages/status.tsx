import { IncidentTimeline } from "../components/incident-timeline";
import { describeAge } from "../domain/age";
import { useShop } from "../shop-context";
import { usePaymentStatus } from "../use-payment-status";

const WORDS = {
  operational: "Payments are working normally.",
  degraded: "Payments are slow: some take longer than usual.",
  outage: "Payments are down: our bank is not answering.",
} as const;

/** The public status page: no sign-in, cheap to serve, and still readable with the last known state when the API is not. */
export function StatusPage() {
  const { config } = useShop();
  const { status, readAt, stale } = usePaymentStatus(config.statusRefreshSeconds * 1_000);
  if (!status) return <p>Reading the current status…</p>;
  const open = status.incidents.filter((incident) => !incident.resolvedAt);
  const past = status.incidents.filter((incident) => incident.resolvedAt);
  return (
    <section className="card">
      <h1>peakshop status</h1>
      <p className={`state state-${status.payments}`} data-testid="payments-state">
        {WORDS[status.payments]}
      </p>
      {status.message !== WORDS[status.payments] && <p>{status.message}</p>}
      <p className="muted">
        {stale && readAt
          ? `We cannot reach peakshop right now; this is what we knew ${describeAge(readAt, new Date())}.`
          : `Since ${new Date(status.since).toLocaleString()}.`}
      </p>
      {open.map((incident) => (
        <section key={incident.id} aria-label="What is happening">
          <h2>What is happening</h2>
          <IncidentTimeline incident={incident} />
        </section>
      ))}
      <p>
        Follow it in any feed reader: <a href={`${config.gatewayUrl}/v1/status/feed.atom`}>Atom feed</a>.
      </p>
      {past.length > 0 && (
        <section aria-label="Past incidents">
          <h2>Past incidents</h2>
          {past.map((incident) => (
            <IncidentTimeline key={incident.id} incident={incident} />
          ))}
        </section>
      )}
    </section>
  );
}
