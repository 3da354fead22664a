import type { PeakshopClient } from "@peakshop/client";
import { useCallback } from "react";
import { IncidentTimeline } from "../components/incident-timeline";
import { IncidentPostForm } from "./incident-post-form";
import { answerOf, usePolled } from "./use-polled";

const CIRCUIT_WORDS = {
  closed: "Closed: charges go to the bank.",
  "half-open": "Half-open: one probe charge is testing the bank.",
  open: "Open: charges are paused and retried later.",
} as const;

/** The bank as payment sees it, the public status, and what the operator tells the public. */
export function PaymentsPanel({ client }: { client: PeakshopClient }) {
  const readBank = useCallback(async () => answerOf(await client.api.GET("/v1/admin/bank")), [client]);
  const readStatus = useCallback(async () => answerOf(await client.api.GET("/v1/status")), [client]);
  const bank = usePolled(readBank, 3_000);
  const status = usePolled(readStatus, 3_000);
  const incident = status.data?.incidents[0];
  return (
    <section className="card" aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payments</h2>
      {bank.error && <p role="alert">Bank: {bank.error}</p>}
      {bank.data && (
        <dl className="facts">
          <dt>Circuit toward the bank</dt>
          <dd data-testid="circuit-state" className={`circuit circuit-${bank.data.circuit.state}`}>
            {CIRCUIT_WORDS[bank.data.circuit.state]} Since{" "}
            {new Date(bank.data.circuit.since).toLocaleTimeString()}
            {bank.data.circuit.reason && ` (${bank.data.circuit.reason})`}
          </dd>
          <dt>Bank error rate, last {bank.data.recent.windowSeconds} s</dt>
          <dd data-testid="bank-error-rate">
            {(bank.data.recent.errorRate * 100).toFixed(1)}% of {bank.data.recent.sent} sent
            {bank.data.recent.rejected > 0 && `; ${bank.data.recent.rejected} held back by the circuit`}
          </dd>
        </dl>
      )}
      {status.data && (
        <>
          <p data-testid="public-status">
            The public status says: <strong>{status.data.payments}</strong>. {status.data.message}
          </p>
          {incident ? (
            <>
              <h3>{incident.resolvedAt ? "Latest incident (resolved)" : "Open incident"}</h3>
              <IncidentTimeline incident={incident} />
              <IncidentPostForm client={client} incident={incident} onPosted={status.refresh} />
            </>
          ) : (
            <p className="muted">No incident yet: nothing to post on.</p>
          )}
        </>
      )}
    </section>
  );
}
