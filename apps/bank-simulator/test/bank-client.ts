import { randomUUID } from "node:crypto";

export interface ChargeView {
  chargeId: string;
  idempotencyKey: string;
  status: "captured" | "declined";
  declineReason?: string;
  amountCents: number;
  currency: string;
  reference: string;
  createdAt: string;
}
export interface RefundView {
  refundId: string;
  idempotencyKey: string;
  chargeId: string;
  amountCents: number;
  createdAt: string;
}
export interface Ledger {
  charges: ChargeView[];
  refunds: RefundView[];
}
export interface Answer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export const newKey = () => `key-${randomUUID()}`;
export const chargeBody = (overrides: Record<string, unknown> = {}) => ({
  amountCents: 1999,
  currency: "EUR",
  reference: `order-${randomUUID()}`,
  paymentToken: "tok_ok",
  ...overrides,
});

/** A small HTTP client for the simulator under test, speaking to it as the payment service would. */
export function bankClient(baseUrl: string) {
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      retryAfter: response.headers.get("retry-after"),
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  }
  return {
    call,
    charge: (key: string, body: unknown) =>
      call<ChargeView>("POST", "/v1/charges", body, { "idempotency-key": key }),
    findCharge: (key: string) => call<ChargeView>("GET", `/v1/charges/${encodeURIComponent(key)}`),
    refund: (key: string, body: unknown) =>
      call<RefundView>("POST", "/v1/refunds", body, { "idempotency-key": key }),
    faults: (settings: Record<string, unknown>) =>
      call<Record<string, unknown>>("PUT", "/v1/faults", settings),
    async ledger(reference?: string): Promise<Ledger> {
      const query = reference === undefined ? "" : `?reference=${encodeURIComponent(reference)}`;
      return (await call<Ledger>("GET", `/v1/ledger${query}`)).body;
    },
  };
}
