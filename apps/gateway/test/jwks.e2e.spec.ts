import type { INestApplication } from "@nestjs/common";
import { createPeakshopClient } from "@peakshop/client";
import { testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../src/app";
import { short, startGatewayHarness, urlOf, type GatewayHarness } from "./support/gateway-harness";
import { startIdentityProvider, type IdentityProvider } from "./support/identity-provider";

const ctx = testContext(inject("peakshopInfrastructure"));

/** A second gateway in production auth mode, against a simulated identity provider. */
describe("the gateway in production auth mode (JWKS)", () => {
  let h: GatewayHarness;
  let provider: IdentityProvider;
  let production: INestApplication;
  let productionUrl: string;

  beforeAll(async () => {
    h = await startGatewayHarness(ctx);
    provider = await startIdentityProvider();
    const { AUTH_DEV_SECRET: _, ...withoutDevSecret } = h.env;
    production = await startGatewayService(
      loadGatewayConfig({
        ...withoutDevSecret,
        AUTH_MODE: "jwks",
        AUTH_JWKS_URL: provider.jwksUrl,
        AUTH_ISSUER: provider.issuer,
        AUTH_AUDIENCE: provider.audience,
      }),
      { port: 0 },
    );
    productionUrl = await urlOf(production);
  });

  afterAll(async () => {
    await production?.close();
    await provider?.stop();
    await h?.stop();
  });

  it("accepts the identity provider's tokens, refuses others, and serves no dev tokens", async () => {
    const customerId = `grace-${short()}`;
    const grace = createPeakshopClient({ baseUrl: productionUrl, token: await provider.sign(customerId) });
    const cart = await grace.api.GET("/v1/cart");
    expect(cart.response.status, JSON.stringify(cart.error)).toBe(200);
    expect(cart.data).toMatchObject({ items: [], totalCents: 0 });

    const forged = createPeakshopClient({
      baseUrl: productionUrl,
      token: await provider.forge(customerId),
    });
    expect((await forged.api.GET("/v1/cart")).response.status).toBe(401);
    const everlasting = createPeakshopClient({
      baseUrl: productionUrl,
      token: await provider.signWithoutExpiry(customerId),
    });
    expect((await everlasting.api.GET("/v1/cart")).response.status).toBe(401);
    const devSigned = createPeakshopClient({ baseUrl: productionUrl, token: h.tokenOf(h.admin) });
    expect((await devSigned.api.GET("/v1/cart")).response.status).toBe(401);

    const devToken = await createPeakshopClient({ baseUrl: productionUrl }).api.POST("/v1/auth/dev-token", {
      body: { customerId },
    });
    expect(devToken.response.status).toBe(404);

    const adminClient = createPeakshopClient({
      baseUrl: productionUrl,
      token: await provider.sign("ops", ["admin"]),
    });
    const sku = `lamp-${short()}`;
    const put = await adminClient.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: { name: "Lamp", priceCents: 500, currency: "EUR", stock: 1 },
    });
    expect(put.response.status).toBe(201);
  });
});
