/** How long a broker may take to list a topic it has just created (KRaft propagates metadata asynchronously). */
const DEFAULT_TIMEOUT_MS = 30_000;
const PAUSE_MS = 200;

/**
 * Waits until `listTopics` names every one of `topics`, or `timeoutMs` has
 * passed. A broker answers for a topic created a moment ago only once its
 * metadata cache has it, and services starting together race to create the
 * topics they share: in both cases the topics are about to be there, which
 * is all a starting service needs.
 */
export async function topicsPresent(
  listTopics: () => Promise<string[]>,
  topics: readonly string[],
  { timeoutMs = DEFAULT_TIMEOUT_MS, pauseMs = PAUSE_MS } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const present = new Set(await listTopics());
    if (topics.every((topic) => present.has(topic))) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
