import { Agent, request, type Dispatcher } from "undici";

/** What a peer answered: any status, and its body as text. */
export interface OutboundAnswer {
  status: number;
  text: string;
}

export interface OutboundRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  /** Already serialised (JSON callers stringify). */
  body?: string;
  /** For the whole exchange: connecting, the answer's headers and its body. */
  timeoutMs: number;
  /** Connections to use; a process-wide kept-alive pool when omitted. */
  dispatcher?: Dispatcher;
  /**
   * Only the status matters (a webhook): the body is discarded, and a peer
   * that stalls or drops the connection after its status still answered.
   */
  statusOnly?: boolean;
}

/** Connection errors that mean the request never left: nothing can have reached the peer. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * No usable answer. `reachedPeer` is false only when the request is known not
 * to have left (a refused or unresolvable connection); after a timeout or a
 * dropped connection the peer may have acted on it.
 */
export class OutboundFailure extends Error {
  constructor(
    readonly kind: "timeout" | "network",
    readonly reachedPeer: boolean,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "OutboundFailure";
  }
}

// undici's default idle time (4 s, or less when the peer's Keep-Alive header
// says so): a partner that closes idle connections sooner without saying so
// would otherwise break a reused one as a request goes out.
let sharedAgent: Agent | undefined;
const agent = () => (sharedAgent ??= new Agent());

/**
 * One HTTP exchange with a service or partner we call (the gateway's
 * upstreams, inventory's catalogue, the bank), bounded by `timeoutMs`.
 *
 * undici's request API over kept-alive connections, not fetch: fetch's WHATWG
 * streams and Request/Response objects cost more than the rest of such a
 * call on the paths every checkout takes. The deadline is a timer cleared on
 * the answer: AbortSignal.timeout would still fire, and build a DOMException,
 * for every call that finished in time.
 */
export async function sendOutbound(url: string, outbound: OutboundRequest): Promise<OutboundAnswer> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), outbound.timeoutMs);
  const failure = (error: unknown, answered: boolean) => {
    if (deadline.signal.aborted)
      return new OutboundFailure("timeout", true, "TIMEOUT", `no answer within ${outbound.timeoutMs} ms`, {
        cause: error,
      });
    const code = String((error as { code?: unknown }).code ?? "") || "UNKNOWN";
    const reached = answered || !NEVER_SENT.has(code);
    return new OutboundFailure("network", reached, code, error instanceof Error ? error.message : code, {
      cause: error,
    });
  };
  try {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: outbound.method,
        headers: outbound.headers,
        body: outbound.body,
        signal: deadline.signal,
        dispatcher: outbound.dispatcher ?? agent(),
      });
    } catch (error) {
      throw failure(error, false);
    }
    if (outbound.statusOnly) {
      await response.body.dump().catch(() => undefined);
      return { status: response.statusCode, text: "" };
    }
    try {
      return { status: response.statusCode, text: await response.body.text() };
    } catch (error) {
      // The peer sent its headers, then stalled or dropped the connection.
      throw failure(error, true);
    }
  } finally {
    clearTimeout(timer);
  }
}
