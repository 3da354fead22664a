import type { INestApplication } from "@nestjs/common";
import { createPeakshopClient, type PeakshopClient, type StreamEvent } from "@peakshop/client";
import {
  gatewaySettingsFor,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import type { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../../src/app";

export const short = () => randomUUID().slice(0, 8);
export const urlOf = async (app: INestApplication) => (await app.getUrl()).replace("[::1]", "127.0.0.1");

/** Every event of a stream until it ends, bounded so a stream that never ends fails the test. */
export async function collect<T>(
  events: AsyncGenerator<StreamEvent<T>>,
  max = 20,
): Promise<StreamEvent<T>[]> {
  const all: StreamEvent<T>[] = [];
  for await (const event of events) {
    all.push(event);
    if (all.length >= max) break;
  }
  return all;
}

/**
 * The whole checkout system in-process with a gateway in front of it (dev
 * tokens, fast stream polls), and what the gateway's end-to-end tests do
 * through the typed client.
 */
export async function startGatewayHarness(
  ctx: ReturnType<typeof testContext>,
  overrides: Record<string, string> = {},
) {
  const system: CheckoutSystem = await startCheckoutSystem(ctx);
  const env = await gatewaySettingsFor(ctx, system, {
    SSE_POLL_INTERVAL_MS: "200",
    // A fresh system's first order may take seconds on a busy CI machine (consumer groups still joining).
    SSE_ORDER_GRACE_MS: "8000",
    ...overrides,
  });
  const gateway = await startGatewayService(loadGatewayConfig(env), { port: 0 });
  const base = await urlOf(gateway);
  const anonymous = createPeakshopClient({ baseUrl: base });
  const tokens = new WeakMap<PeakshopClient, string>();

  async function signIn(customerId: string, roles?: "admin"[]): Promise<PeakshopClient> {
    const { data, response } = await anonymous.api.POST("/v1/auth/dev-token", {
      body: { customerId, ...(roles ? { roles } : {}) },
    });
    expect(response.status).toBe(200);
    const client = createPeakshopClient({ baseUrl: base, token: data!.token });
    tokens.set(client, data!.token);
    return client;
  }

  const admin = await signIn("ops-admin", ["admin"]);

  async function productOnSale(stock = 10): Promise<string> {
    const sku = `lantern-${short()}`;
    const { response } = await admin.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: { name: "Festival lantern", priceCents: 1250, currency: "EUR", stock },
    });
    expect(response.status).toBe(201);
    return sku;
  }

  async function placeOrder(client: PeakshopClient, sku: string, paymentToken = "tok_ok"): Promise<string> {
    const cart = await client.api.POST("/v1/cart/items", { body: { sku, quantity: 2 } });
    expect(cart.response.status, JSON.stringify(cart.error)).toBe(200);
    const { data, error, response } = await client.api.POST("/v1/checkout", {
      params: { header: { "idempotency-key": randomUUID() } },
      body: { paymentToken },
    });
    expect(response.status, JSON.stringify(error)).toBe(202);
    return data!.orderId;
  }

  return {
    system,
    env,
    base,
    anonymous,
    admin,
    signIn,
    productOnSale,
    placeOrder,
    /** The bearer token a client signed in with. */
    tokenOf: (client: PeakshopClient) => tokens.get(client)!,
    async stop() {
      await gateway.close();
      await system.stop();
    },
  };
}

export type GatewayHarness = Awaited<ReturnType<typeof startGatewayHarness>>;
