/**
 * What a campaign reaches: the gateway (every shopper's request and every
 * read the checker makes, as customers see it) and the bank simulator (its
 * ledger and fault settings; the bank is not behind the gateway).
 */
export interface SystemAccess {
  gatewayUrl: string;
  /** The gateway's AUTH_DEV_SECRET: shoppers' tokens are signed with it. */
  devSecret: string;
  bankUrl: string;
}

/** `bash scripts/up.sh`'s addresses and dev secret, each overridable. */
export function systemAccessFromEnv(env: NodeJS.ProcessEnv = process.env): SystemAccess {
  return {
    gatewayUrl: env.PEAKSHOP_GATEWAY_URL ?? "http://127.0.0.1:3000",
    devSecret: env.PEAKSHOP_AUTH_DEV_SECRET ?? "local-development-only-signing-key-0001",
    bankUrl: env.PEAKSHOP_BANK_URL ?? "http://127.0.0.1:4000",
  };
}
