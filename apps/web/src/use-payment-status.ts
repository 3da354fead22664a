import type { PaymentStatus } from "@peakshop/client";
import { useEffect, useState } from "react";
import { useShop } from "./shop-context";

const STORAGE_KEY = "peakshop.lastStatus";

export interface KnownStatus {
  status: PaymentStatus | undefined;
  /** When the status shown was read; older than the last poll when the API is unreachable. */
  readAt: Date | undefined;
  /** The last poll failed: what is shown is the last known state. */
  stale: boolean;
}

function remembered(): KnownStatus {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return { status: undefined, readAt: undefined, stale: false };
  const saved = JSON.parse(raw) as { status: PaymentStatus; readAt: string };
  return { status: saved.status, readAt: new Date(saved.readAt), stale: true };
}

/**
 * GET /v1/status every `intervalMs`, remembered in the browser: when the API
 * cannot be reached (overloaded, down), the last known state stays on screen
 * with its age instead of an error.
 */
export function usePaymentStatus(intervalMs: number): KnownStatus {
  const { client } = useShop();
  const [known, setKnown] = useState<KnownStatus>(remembered);
  useEffect(() => {
    let cancelled = false;
    const read = async () => {
      try {
        const { data } = await client.api.GET("/v1/status");
        if (cancelled) return;
        if (!data) throw new Error("no status");
        const readAt = new Date();
        localStorage.setItem(STORAGE_KEY, JSON.stringify({ status: data, readAt }));
        setKnown({ status: data, readAt, stale: false });
      } catch {
        if (!cancelled) setKnown((previous) => ({ ...previous, stale: true }));
      }
    };
    void read();
    const timer = setInterval(read, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, intervalMs]);
  return known;
}
