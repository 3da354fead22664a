import type { PaymentStatus, PeakshopClient } from "@peakshop/client";
import { useState, type FormEvent } from "react";
import { answerOf } from "./use-polled";

type Incident = PaymentStatus["incidents"][number];

/**
 * The operator's own words on the incident's public timeline (status page and
 * feed). An apology, once resolved, also goes to every customer it held up.
 */
export function IncidentPostForm(props: { client: PeakshopClient; incident: Incident; onPosted(): void }) {
  const resolved = Boolean(props.incident.resolvedAt);
  const [kind, setKind] = useState<"update" | "apology">(resolved ? "apology" : "update");
  const [message, setMessage] = useState("");
  const [outcome, setOutcome] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const posted = answerOf(
        await props.client.api.POST("/v1/admin/incidents/{incidentId}/updates", {
          params: { path: { incidentId: props.incident.id } },
          body: { kind, message },
        }),
      );
      setMessage("");
      setOutcome(
        posted.kind === "apology"
          ? `Apology posted, and sent to ${posted.notifiedCustomers ?? 0} customer(s) it held up.`
          : "Update posted on the status page and its feed.",
      );
      props.onPosted();
    } catch (failure) {
      setOutcome(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <form onSubmit={submit} aria-label="Post on the incident">
      <fieldset>
        <legend>Post on this incident</legend>
        <label className="inline">
          <input type="radio" name="kind" checked={kind === "update"} onChange={() => setKind("update")} />
          Update
        </label>
        <label className="inline">
          <input
            type="radio"
            name="kind"
            checked={kind === "apology"}
            disabled={!resolved}
            onChange={() => setKind("apology")}
          />
          Apology (once resolved)
        </label>
      </fieldset>
      <label>
        In your own words
        <textarea
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          required
          maxLength={2000}
        />
      </label>
      <button type="submit">Post</button>
      {outcome && <p role="status">{outcome}</p>}
    </form>
  );
}
