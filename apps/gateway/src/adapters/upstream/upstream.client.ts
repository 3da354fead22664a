import { Inject, Injectable, type OnApplicationShutdown } from "@nestjs/common";
import {
  OutboundFailure,
  problemType,
  REQUEST_ID_HEADER,
  SERVICE_CONFIG,
  sendOutbound,
} from "@peakshop/platform-nest";
import { Agent } from "undici";
import type { z } from "zod";
import type { GatewayConfig } from "../../config";
import { upstreamFailure, UpstreamProblem, UpstreamUnavailable } from "./upstream-problem";

export type Service = "inventory" | "cart" | "order" | "payment" | "notification";

export interface UpstreamRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The path, already encoded. */
  path: string;
  /** Query parameters; those left undefined are not sent. */
  query?: Record<string, string | number | undefined>;
  requestId: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface UpstreamResponse {
  status: number;
  body: unknown;
}

/** `?name=value&...` of the parameters given, or nothing. */
export function searchOf(query: UpstreamRequest["query"] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return params.size ? `?${params}` : "";
}

/**
 * HTTP to the services behind the gateway, bounded by UPSTREAM_TIMEOUT_MS.
 * The request id travels along, so one id ties the client's call to every
 * service's log lines. No retries here: reads are cheap for the client to
 * repeat, and writes must not be repeated without an idempotency key.
 * Over sendOutbound (undici's request API), on connections of the gateway's
 * own, closed after the last answer at shutdown.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly baseUrls: Record<Service, string>;
  private readonly agent = new Agent({ keepAliveTimeout: 30_000 });

  constructor(@Inject(SERVICE_CONFIG) private readonly config: GatewayConfig) {
    this.baseUrls = {
      inventory: config.INVENTORY_URL,
      cart: config.CART_URL,
      order: config.ORDER_URL,
      payment: config.PAYMENT_URL,
      notification: config.NOTIFICATION_URL,
    };
  }

  // After the HTTP server closed: requests still in flight keep their upstream.
  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

  /** Any answer the service gives; throws UpstreamUnavailable when it gives none in time. */
  async send(service: Service, upstream: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      const answer = await sendOutbound(
        `${this.baseUrls[service]}${upstream.path}${searchOf(upstream.query)}`,
        {
          method: upstream.method,
          headers: {
            accept: "application/json",
            [REQUEST_ID_HEADER]: upstream.requestId,
            ...(upstream.body === undefined ? {} : { "content-type": "application/json" }),
            ...upstream.headers,
          },
          body: upstream.body === undefined ? undefined : JSON.stringify(upstream.body),
          timeoutMs: this.config.UPSTREAM_TIMEOUT_MS,
          dispatcher: this.agent,
        },
      );
      return { status: answer.status, body: answer.text ? safeJson(answer.text) : undefined };
    } catch (error) {
      const timedOut = error instanceof OutboundFailure && error.kind === "timeout";
      throw new UpstreamUnavailable(service, timedOut ? "timed out" : "unreachable");
    }
  }

  /** A 2xx answer mapped to its public shape; anything else thrown as the client's problem. */
  async call<S extends z.ZodType>(
    service: Service,
    request: UpstreamRequest,
    view: S,
  ): Promise<{ status: number; body: z.output<S> }> {
    const response = await this.send(service, request);
    return { status: response.status, body: publicBody(service, response, view) };
  }
}

/** Maps a service's answer to the public shape, or throws what the client should see instead. */
export function publicBody<S extends z.ZodType>(
  service: string,
  response: UpstreamResponse,
  view: S,
): z.output<S> {
  if (response.status < 200 || response.status >= 300) {
    throw upstreamFailure(service, response.status, response.body);
  }
  const parsed = view.safeParse(response.body);
  if (parsed.success) return parsed.data;
  throw new UpstreamProblem({
    type: problemType("bad-gateway"),
    title: "Bad Gateway",
    status: 502,
    detail: `The ${service} service answered in an unexpected shape.`,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
