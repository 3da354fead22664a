import { signDevToken } from "@peakshop/client/dev-token";

/** An answer: its status and parsed body, whatever the status. */
export interface Answer<T = unknown> {
  status: number;
  body: T | undefined;
}

const REQUEST_TIMEOUT_MS = 15_000;
const READ_RETRY_MS = 2_000;

/** JSON over HTTP; the status and body, whatever the status. Throws only when no answer came. */
export async function http<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as T) : undefined };
}

/**
 * Asks until an answer settles it: `ask` again every `everyMs` (a throw counts
 * as no answer), never starting one that would end past `timeoutMs`. The
 * settling answer, or undefined when none came in time.
 */
export async function askUntil<T>(
  ask: () => Promise<T>,
  settles: (answer: T) => boolean,
  timeoutMs: number,
  everyMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask().catch(() => undefined);
    if (answer !== undefined && settles(answer)) return answer;
    if (Date.now() + everyMs > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * The shop as its customers reach it: the gateway's public API, each customer
 * signed in with a dev token signed with the gateway's dev secret (as a load
 * generator gets tokens from its identity provider), the admin likewise.
 */
export class Storefront {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly gatewayUrl: string,
    private readonly devSecret: string,
  ) {}

  /** One request as `customerId` (or as the shop's admin); throws only when no answer came. */
  call<T = unknown>(
    customerId: string | { admin: true },
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    return this.tokenOf(customerId).then((token) =>
      http<T>(method, `${this.gatewayUrl}${path}`, body, { authorization: `Bearer ${token}`, ...headers }),
    );
  }

  /**
   * A read as a well-behaved client makes it: no answer, 429 and 5xx are
   * retried every 2 s until `timeoutMs`; undefined if no other answer came.
   */
  async read<T = unknown>(
    customerId: string | { admin: true },
    path: string,
    timeoutMs = 30_000,
  ): Promise<Answer<T> | undefined> {
    return askUntil(
      () => this.call<T>(customerId, "GET", path),
      (answer) => answer.status !== 429 && answer.status < 500,
      timeoutMs,
      READ_RETRY_MS,
    );
  }

  private tokenOf(customerId: string | { admin: true }): Promise<string> {
    const key = typeof customerId === "string" ? `customer:${customerId}` : "admin";
    let token = this.tokens.get(key);
    if (!token) {
      token = signDevToken(
        typeof customerId === "string"
          ? { secret: this.devSecret, customerId }
          : { secret: this.devSecret, customerId: "chaos-admin", roles: ["admin"] },
      );
      this.tokens.set(key, token);
    }
    return token;
  }
}
