import { useCallback, useEffect, useState } from "react";

export interface Polled<T> {
  data: T | undefined;
  /** Why the last read failed, in words; the last data stays shown meanwhile. */
  error: string | undefined;
  refresh(): void;
}

/** Reads now and every `intervalMs`, keeping the last answer on screen while a read fails. */
export function usePolled<T>(read: () => Promise<T>, intervalMs: number): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((value) => value + 1), []);
  useEffect(() => {
    let cancelled = false;
    const run = async () => {
      try {
        const value = await read();
        if (!cancelled) {
          setData(value);
          setError(undefined);
        }
      } catch (failure) {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      }
    };
    void run();
    const timer = setInterval(run, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [read, intervalMs, tick]);
  return { data, error, refresh };
}

/** The data of a client call, or an Error with the problem's detail (403: not an operator). */
export function answerOf<T>(result: {
  data?: T;
  error?: { detail?: string; title?: string } | unknown;
  response: Response;
}): T {
  if (result.data !== undefined) return result.data;
  if (result.response.status === 403) throw new Error("This account has no operator (admin) role.");
  if (result.response.status === 401) throw new Error("The sign-in has expired; sign in again.");
  const problem = result.error as { detail?: string; title?: string } | undefined;
  throw new Error(problem?.detail ?? problem?.title ?? `HTTP ${result.response.status}`);
}
