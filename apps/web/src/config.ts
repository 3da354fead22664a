/** Where the browser finds the gateway: served by the web server from its environment, so one build fits every deployment. */
export interface WebConfig {
  gatewayUrl: string;
  /** Dev sign-in (POST /v1/auth/dev-token) offered only where the gateway signs dev tokens. */
  devSignIn: boolean;
  /** How often the status page and the banner read the status (the gateway caches it, so this is cheap). */
  statusRefreshSeconds: number;
  /** Dev only: the operator console may set the bank simulator's faults (through /dev/bank/faults). */
  devBankFaults: boolean;
}

export async function loadConfig(): Promise<WebConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as WebConfig;
}
