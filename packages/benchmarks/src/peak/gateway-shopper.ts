import { signDevToken } from "@peakshop/client/dev-token";
import { randomUUID } from "node:crypto";
import { Pool } from "undici";
import type { ArrivalOutcome } from "./open-load";

const REQUEST_TIMEOUT_MS = 30_000;

export interface AcceptedCheckout {
  orderId: string;
  customerId: string;
  token: string;
  /** performance.now() and wall-clock time when the checkout request was sent. */
  sentAt: number;
  sentAtEpochMs: number;
  acceptMs: number;
}

interface Answer {
  status: number;
  body: unknown;
  latencyMs: number;
  /** Retry-After of a 429 or 503, in seconds. */
  retryAfterSeconds?: number;
}

/**
 * A shopper of the public API as a frontend would be one: signs in (a dev token
 * signed with the gateway's dev secret, as the load generator of a real test
 * would get tokens from its identity provider), adds one item, checks out with
 * an Idempotency-Key. Connections are pooled with undici, which costs the
 * generator far less CPU per request than fetch on a machine it shares.
 */
export class GatewayShopper {
  private readonly pool: Pool;

  constructor(
    readonly gatewayUrl: string,
    private readonly devSecret: string,
    connections = 128,
  ) {
    this.pool = new Pool(gatewayUrl, {
      connections,
      pipelining: 1,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    });
  }

  token(customerId: string, roles: string[] = []): Promise<string> {
    return signDevToken({ secret: this.devSecret, customerId, roles });
  }

  /** One shopper's visit; `accepted` receives the order when the checkout answered 202. */
  async checkOut(
    customerId: string,
    sku: string,
    accepted: (checkout: AcceptedCheckout) => void,
  ): Promise<ArrivalOutcome> {
    const token = await this.token(customerId);
    const added = await this.call("POST", "/v1/cart/items", token, { sku, quantity: 1 });
    if (added.status !== 200) return outcomeOf(added);
    const sentAtEpochMs = Date.now();
    const sentAt = performance.now();
    const checkout = await this.call(
      "POST",
      "/v1/checkout",
      token,
      { paymentToken: "tok_ok" },
      {
        "idempotency-key": randomUUID(),
      },
    );
    if (checkout.status === 202) {
      const { orderId } = checkout.body as { orderId: string };
      accepted({ orderId, customerId, token, sentAt, sentAtEpochMs, acceptMs: checkout.latencyMs });
    }
    return outcomeOf(checkout);
  }

  async call(
    method: "GET" | "POST" | "PUT",
    path: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const started = performance.now();
    try {
      const response = await this.pool.request({
        method,
        path,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.body.text();
      const retryAfter = Number(response.headers["retry-after"]);
      return {
        status: response.statusCode,
        body: text ? JSON.parse(text) : undefined,
        latencyMs: performance.now() - started,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
      };
    } catch {
      return { status: 0, body: undefined, latencyMs: performance.now() - started };
    }
  }

  /**
   * A read as a well-behaved client makes it: a 429 or 503 is retried after
   * its Retry-After (at most 5 s each, `attempts` in all), since refusing is
   * what the gateway does past its admission limit.
   */
  async read(path: string, token: string, attempts = 20): Promise<Answer> {
    let answer = await this.call("GET", path, token);
    for (let attempt = 1; attempt < attempts && (answer.status === 429 || answer.status === 503); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5, answer.retryAfterSeconds ?? 1) * 1000));
      answer = await this.call("GET", path, token);
    }
    return answer;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function outcomeOf(answer: Answer): ArrivalOutcome {
  const kind =
    answer.status === 202
      ? "accepted"
      : answer.status === 429 || answer.status === 503
        ? "refused"
        : "failed";
  return { kind, status: answer.status, latencyMs: answer.latencyMs };
}
