/** Where the campaign finds the services it drives and reads (their own HTTP APIs, not the gateway's). */
export interface SystemUrls {
  cart: string;
  order: string;
  inventory: string;
  notification: string;
  bank: string;
}

/** `bash scripts/up.sh`'s addresses, each overridable (PEAKSHOP_CART_URL, ...). */
export function systemUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): SystemUrls {
  return {
    cart: env.PEAKSHOP_CART_URL ?? "http://127.0.0.1:3002",
    order: env.PEAKSHOP_ORDER_URL ?? "http://127.0.0.1:3001",
    inventory: env.PEAKSHOP_INVENTORY_URL ?? "http://127.0.0.1:3003",
    notification: env.PEAKSHOP_NOTIFICATION_URL ?? "http://127.0.0.1:3005",
    bank: env.PEAKSHOP_BANK_URL ?? "http://127.0.0.1:4000",
  };
}
