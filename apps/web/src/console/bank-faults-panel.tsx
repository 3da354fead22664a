import { useCallback, useState, type FormEvent } from "react";
import { usePolled } from "./use-polled";

interface Faults {
  latencyMs: number;
  errorRate: number;
  outage: boolean;
  declineRate: number;
  lostResponseRate: number;
}

async function faultsCall(init?: RequestInit): Promise<Faults> {
  const response = await fetch("/dev/bank/faults", init);
  const body = (await response.json()) as Faults & { detail?: string };
  if (!response.ok) throw new Error(body.detail ?? `HTTP ${response.status}`);
  return body;
}

/** Dev only: play a bank outage or a slow, failing bank for a demo, and heal it. */
export function BankFaultsPanel() {
  const read = useCallback(() => faultsCall(), []);
  const { data, error, refresh } = usePolled(read, 5_000);
  const [draft, setDraft] = useState({ outage: false, errorRate: "0", latencyMs: "0" });
  const [outcome, setOutcome] = useState<string>();
  const put = async (faults: Partial<Faults>) => {
    try {
      await faultsCall({
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      });
      setOutcome("The bank simulator now plays these faults.");
      refresh();
    } catch (failure) {
      setOutcome(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void put({
      outage: draft.outage,
      errorRate: Number(draft.errorRate),
      latencyMs: Number(draft.latencyMs),
    });
  };
  return (
    <section className="card" aria-labelledby="faults-heading">
      <h2 id="faults-heading">Bank simulator faults (dev only)</h2>
      {error && <p role="alert">{error}</p>}
      {data && (
        <p data-testid="bank-faults">
          Now: {data.outage ? "outage" : "answering"}, error rate {data.errorRate}, latency {data.latencyMs}{" "}
          ms
        </p>
      )}
      <form onSubmit={submit}>
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.outage}
            onChange={(event) => setDraft({ ...draft, outage: event.target.checked })}
          />
          Outage
        </label>
        <label className="inline">
          Error rate (0 to 1){" "}
          <input
            type="number"
            min="0"
            max="1"
            step="0.05"
            value={draft.errorRate}
            onChange={(event) => setDraft({ ...draft, errorRate: event.target.value })}
          />
        </label>
        <label className="inline">
          Latency (ms){" "}
          <input
            type="number"
            min="0"
            step="50"
            value={draft.latencyMs}
            onChange={(event) => setDraft({ ...draft, latencyMs: event.target.value })}
          />
        </label>
        <button type="submit">Apply</button>{" "}
        <button type="button" onClick={() => void put({})}>
          Heal the bank
        </button>
      </form>
      {outcome && <p role="status">{outcome}</p>}
    </section>
  );
}
