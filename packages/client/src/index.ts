import createClient, { type Client, type Middleware } from "openapi-fetch";
import { eventStream, type StreamEvent, type StreamOptions } from "./event-stream";
import type { components, paths } from "./generated/public-api";

export type { components, operations, paths } from "./generated/public-api";
export { eventStream, StreamRefused, type StreamEvent, type StreamOptions } from "./event-stream";

type Schemas = components["schemas"];
export type Product = Schemas["Product"];
export type Cart = Schemas["Cart"];
export type Order = Schemas["Order"];
export type OrderStatus = Schemas["OrderStatus"];
export type OrderStatusEvent = Schemas["OrderStatusEvent"];
export type Notification = Schemas["Notification"];
export type PaymentStatus = Schemas["PaymentStatus"];
export type Problem = Schemas["Problem"];

/** An order in one of these will not change again. */
export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(["CONFIRMED", "REJECTED", "CANCELLED"]);

export interface PeakshopClientOptions {
  /** The gateway, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** The bearer token, or a function that returns the current one (called for every request). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** Another fetch (tests, polyfills); defaults to the global one. */
  fetch?: typeof fetch;
}

export interface PeakshopClient {
  /** Every route of the public API, typed from its OpenAPI document: `api.GET("/v1/cart")`. */
  api: Client<paths>;
  /** `status` events of an order until its final status; reconnects with Last-Event-ID. */
  followOrder(orderId: string, options?: StreamOptions): AsyncGenerator<StreamEvent<OrderStatusEvent>>;
  /** `notification` events of the signed-in customer, as they come. */
  followNotifications(options?: StreamOptions): AsyncGenerator<StreamEvent<Notification>>;
}

export function createPeakshopClient(options: PeakshopClientOptions): PeakshopClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const authorization = async (): Promise<Record<string, string>> => {
    const token = typeof options.token === "function" ? await options.token() : options.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const auth: Middleware = {
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(await authorization())) request.headers.set(name, value);
      return request;
    },
  };
  const api = createClient<paths>({ baseUrl, fetch: fetchImpl });
  api.use(auth);
  const stream = <T>(
    path: string,
    streamOptions?: StreamOptions,
    isLast?: (event: StreamEvent<T>) => boolean,
  ) =>
    eventStream<T>(
      { url: `${baseUrl}${path}`, headers: authorization, fetch: fetchImpl },
      { ...streamOptions, isLast },
    );
  return {
    api,
    followOrder: (orderId, streamOptions) =>
      stream<OrderStatusEvent>(`/v1/orders/${encodeURIComponent(orderId)}/stream`, streamOptions, (event) =>
        FINAL_STATUSES.has(event.data.status),
      ),
    followNotifications: (streamOptions) => stream<Notification>("/v1/notifications/stream", streamOptions),
  };
}
