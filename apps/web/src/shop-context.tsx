import { createPeakshopClient, type PeakshopClient } from "@peakshop/client";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { WebConfig } from "./config";
import { patiently } from "./patience";
import { session, type Session } from "./session";

interface Shop {
  config: WebConfig;
  client: PeakshopClient;
  shopper: Session | undefined;
  signIn(value: Session): void;
  signOut(): void;
  /** Seconds until an overloaded request is sent again, while one waits. */
  waitingSeconds: number | undefined;
  /** Sends through the overload countdown (see patiently). */
  patiently: <T extends { response: Response }>(send: () => Promise<T>) => Promise<T>;
}

const ShopContext = createContext<Shop | undefined>(undefined);

export function ShopProvider({ config, children }: { config: WebConfig; children: ReactNode }) {
  const [shopper, setShopper] = useState(session.current());
  const [waitingSeconds, setWaitingSeconds] = useState<number | undefined>();
  // The client and the waiting helper keep their identity across renders, so
  // pages' effects (streams, reads) do not restart at each countdown tick.
  const client = useMemo(
    () => createPeakshopClient({ baseUrl: config.gatewayUrl, token: () => session.current()?.token }),
    [config],
  );
  const sendPatiently = useCallback(
    <T extends { response: Response }>(send: () => Promise<T>) => patiently(send, setWaitingSeconds),
    [],
  );
  const shop = useMemo<Shop>(
    () => ({
      config,
      client,
      shopper,
      signIn(value) {
        session.save(value);
        setShopper(value);
      },
      signOut() {
        session.clear();
        setShopper(undefined);
      },
      waitingSeconds,
      patiently: sendPatiently,
    }),
    [config, client, shopper, waitingSeconds, sendPatiently],
  );
  return <ShopContext.Provider value={shop}>{children}</ShopContext.Provider>;
}

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error("useShop outside ShopProvider");
  return shop;
}
