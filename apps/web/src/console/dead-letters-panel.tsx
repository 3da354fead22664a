import type { PeakshopClient } from "@peakshop/client";
import { useCallback, useState } from "react";
import { answerOf, usePolled } from "./use-polled";

type Consumer = "order" | "inventory" | "payment" | "notification";

/**
 * Dead letters per consumer, with the error that sent each there. Replay puts
 * them back on their topics; inboxes make a second replay harmless, so the
 * list keeps every letter ever dead-lettered (fix the cause first).
 */
export function DeadLettersPanel({ client }: { client: PeakshopClient }) {
  const read = useCallback(async () => answerOf(await client.api.GET("/v1/admin/dead-letters")), [client]);
  const { data, error, refresh } = usePolled(read, 10_000);
  const [outcome, setOutcome] = useState<string>();
  const replay = async (consumer: Consumer, positions?: string[]) => {
    try {
      const result = answerOf(
        await client.api.POST("/v1/admin/dead-letters/{consumer}/replay", {
          params: { path: { consumer } },
          body: positions ? { positions } : {},
        }),
      );
      setOutcome(`Replayed ${result.replayed} dead letter(s) of ${result.consumer}.`);
      refresh();
    } catch (failure) {
      setOutcome(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <section className="card" aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">Dead letters</h2>
      {error && <p role="alert">{error}</p>}
      {outcome && <p role="status">{outcome}</p>}
      {data?.consumers.map(({ consumer, deadLetters, error: why }) => (
        <section
          key={consumer}
          aria-label={`Dead letters of ${consumer}`}
          data-testid={`dead-letters-${consumer}`}
        >
          <h3>
            {consumer}: {why ? "could not be asked" : `${deadLetters.length} dead letter(s)`}
          </h3>
          {why && <p className="muted">{why}</p>}
          {deadLetters.length > 0 && (
            <>
              <ul className="dead-letters">
                {deadLetters.map((letter) => {
                  const position = `${letter.partition}:${letter.offset}`;
                  return (
                    <li key={position}>
                      <code>{letter.originalTopic}</code> at {letter.originalOffset}, failed{" "}
                      {new Date(letter.failedAt).toLocaleString()} after {letter.attempts} attempt(s):{" "}
                      <span className="error-text">{letter.error}</span>{" "}
                      <button onClick={() => void replay(consumer as Consumer, [position])}>
                        Replay {position}
                      </button>
                    </li>
                  );
                })}
              </ul>
              <button onClick={() => void replay(consumer as Consumer)}>Replay all of {consumer}</button>
            </>
          )}
        </section>
      ))}
    </section>
  );
}
