import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { INestApplication } from "@nestjs/common";
import { signDevToken } from "@peakshop/client/dev-token";
import { loadGatewayConfig, startGatewayService } from "@peakshop/gateway/app";
import {
  gatewaySettingsFor,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { startTcpRelay, type testContext, type TcpRelay } from "@peakshop/testing";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { startWebServer } from "../src/server/web-server";
import { launchBrowser } from "./browser";

const BUILT_APP = fileURLToPath(new URL("../dist/public", import.meta.url));
export const SKU = "WEB-LANTERN";

/**
 * The web app, built (dist/public), served as in production, in Debian's
 * chromium against the real system: every service on real Kafka and
 * PostgreSQL, behind an in-process gateway. The gateway reaches cart through
 * a TCP relay the tests can cut, for real 503s; the web server sets the bank
 * simulator's faults for the console's dev panel.
 */
export async function startWebSystem(ctx: ReturnType<typeof testContext>) {
  if (!existsSync(`${BUILT_APP}/index.html`))
    throw new Error(`no built web app in ${BUILT_APP}: pnpm turbo run build --filter @peakshop/web`);
  // The outage tests walk the whole incident before the bank comes back: their orders must outlive that on a busy machine.
  const system: CheckoutSystem = await startCheckoutSystem(ctx, { paymentDeadlineMs: 180_000 });
  const config = { gatewayUrl: "", devSignIn: true, statusRefreshSeconds: 1 };
  const web: FastifyInstance = await startWebServer({
    root: BUILT_APP,
    config,
    devBankUrl: system.urls.bank,
  });
  const webUrl = `http://127.0.0.1:${(web.server.address() as { port: number }).port}`;
  const cartRelay: TcpRelay = await startTcpRelay(system.urls.cart);
  const settings = await gatewaySettingsFor(ctx, system, {
    GATEWAY_CORS_ORIGINS: webUrl,
    CART_URL: cartRelay.url,
    UPSTREAM_TIMEOUT_MS: "2000",
  });
  const gateway: INestApplication = await startGatewayService(loadGatewayConfig(settings), { port: 0 });
  config.gatewayUrl = (await gateway.getUrl()).replace("[::1]", "127.0.0.1");
  const adminToken = await signDevToken({
    secret: settings["AUTH_DEV_SECRET"]!,
    customerId: "ops",
    roles: ["admin"],
  });
  const put = await fetch(`${config.gatewayUrl}/v1/admin/products/${SKU}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Paper lantern", priceCents: 1_299, currency: "EUR", stock: 50 }),
  });
  expect(put.ok).toBe(true);
  const browser: Browser = await launchBrowser();

  const signIn = async (page: Page, customerId: string) => {
    await page.goto(`${webUrl}/sign-in`);
    await page.getByLabel("Your customer name").fill(customerId);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Today's deals" }).waitFor();
  };

  const lanternInCart = async (page: Page) => {
    await page
      .getByRole("listitem")
      .filter({ hasText: "Paper lantern" })
      .getByRole("button", { name: "Add to cart" })
      .click();
    await page.getByText("Added to your cart.").waitFor();
    await page.getByRole("link", { name: "Cart" }).click();
  };

  return {
    system,
    config,
    webUrl,
    browser,
    cartRelay,
    signIn,
    lanternInCart,
    async stop() {
      await browser.close();
      await gateway.close();
      await cartRelay.close();
      await web.close();
      await system.stop();
    },
  };
}

export type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
