import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { INestApplication } from "@nestjs/common";
import { signDevToken } from "@peakshop/client/dev-token";
import { loadGatewayConfig, startGatewayService } from "@peakshop/gateway/app";
import {
  gatewaySettingsFor,
  NO_BANK_FAULTS,
  startCheckoutSystem,
  type CheckoutSystem,
} from "@peakshop/system-tests/checkout-system";
import { testContext, waitFor } from "@peakshop/testing";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startWebServer } from "../src/server/web-server";
import { keepScreenshot, launchBrowser, seriousAccessibilityViolations } from "./browser";

// The web app, built (dist/public), in Debian's chromium against the real
// system: every service on real Kafka and PostgreSQL, behind an in-process gateway.

const ctx = testContext(inject("peakshopInfrastructure"));
const BUILT_APP = fileURLToPath(new URL("../dist/public", import.meta.url));
const SKU = "WEB-LANTERN";

describe("the storefront in a real browser", () => {
  let system: CheckoutSystem;
  let gateway: INestApplication;
  let web: FastifyInstance;
  let webUrl: string;
  let browser: Browser;
  const config = { gatewayUrl: "", devSignIn: true, statusRefreshSeconds: 1 };
  let adminToken: string;

  beforeAll(async () => {
    if (!existsSync(`${BUILT_APP}/index.html`))
      throw new Error(`no built web app in ${BUILT_APP}: pnpm turbo run build --filter @peakshop/web`);
    // The outage test walks the whole incident before the bank comes back: its orders must outlive that on a busy machine.
    system = await startCheckoutSystem(ctx, { paymentDeadlineMs: 180_000 });
    web = await startWebServer({ root: BUILT_APP, config });
    webUrl = `http://127.0.0.1:${(web.server.address() as { port: number }).port}`;
    const settings = await gatewaySettingsFor(ctx, system, { GATEWAY_CORS_ORIGINS: webUrl });
    gateway = await startGatewayService(loadGatewayConfig(settings), { port: 0 });
    config.gatewayUrl = (await gateway.getUrl()).replace("[::1]", "127.0.0.1");
    adminToken = await signDevToken({
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
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await web?.close();
    await system?.stop();
  });

  const signIn = async (page: Page, customerId: string) => {
    await page.goto(webUrl);
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

  it("a shopper checks out and sees CONFIRMED appear without reloading", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, `web-shopper-${ctx.uniqueName("c")}`);
    await keepScreenshot(page, "storefront-catalog");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await lanternInCart(page);
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\//);
    let loads = 0;
    page.on("load", () => loads++);
    await expect
      .poll(() => page.getByTestId("order-status").textContent(), { timeout: 60_000 })
      .toBe("CONFIRMED");
    expect(loads).toBe(0);
    await expect.poll(() => page.locator('[data-step="outcome"]').getAttribute("data-state")).toBe("done");
    await keepScreenshot(page, "storefront-order-confirmed");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a 503 from the gateway shows the friendly page, and the checkout succeeds after its retry", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, `web-shopper-${ctx.uniqueName("o")}`);
    await lanternInCart(page);
    // The gateway's first answer to the checkout is its overload refusal, as at a peak.
    const keys: string[] = [];
    let refused = false;
    await page.route("**/v1/checkout", async (route) => {
      keys.push((await route.request().headerValue("idempotency-key")) ?? "");
      if (refused || route.request().method() !== "POST") return route.continue();
      refused = true;
      return route.fulfill({
        status: 503,
        headers: {
          "retry-after": "3",
          "content-type": "application/problem+json",
          "access-control-allow-origin": webUrl,
          "access-control-expose-headers": "retry-after",
        },
        body: JSON.stringify({
          type: "urn:peakshop:problem:overloaded",
          title: "Service Unavailable",
          status: 503,
          detail: "busy",
        }),
      });
    });
    await page.getByRole("button", { name: "Place order" }).click();
    await page.getByTestId("retry-countdown").waitFor();
    await keepScreenshot(page, "storefront-overloaded");
    expect(await page.getByRole("heading", { name: "Whoa, it is busy in here!" }).isVisible()).toBe(true);
    await page.waitForURL(/\/orders\//, { timeout: 30_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await expect
      .poll(() => page.getByTestId("order-status").textContent(), { timeout: 60_000 })
      .toBe("CONFIRMED");
    await page.context().close();
  });

  it("the public status page shows the state of payments without signing in", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${webUrl}/status`);
    await expect
      .poll(() => page.getByTestId("payments-state").textContent())
      .toBe("Payments are working normally.");
    await keepScreenshot(page, "status-page");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("tells the truth through a bank outage: payment delayed, the incident and its updates on the status page and feed, then the apology and the order confirmed", async () => {
    const setBank = (faults: Partial<typeof NO_BANK_FAULTS>) =>
      fetch(`${system.urls.bank}/v1/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...NO_BANK_FAULTS, ...faults }),
      });
    const admin = (path: string, body: unknown) =>
      fetch(`${config.gatewayUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const page = await (await browser.newContext()).newPage();
    await signIn(page, `web-shopper-${ctx.uniqueName("b")}`);
    await lanternInCart(page);
    expect((await setBank({ outage: true })).ok).toBe(true);
    try {
      await page.getByRole("button", { name: "Place order" }).click();
      await page.waitForURL(/\/orders\//);
      await page.getByText("Payment delayed").waitFor({ timeout: 20_000 });
      await page
        .getByRole("status")
        .filter({ hasText: /Payments are (down|slow)/ })
        .waitFor({ timeout: 20_000 });
      await keepScreenshot(page, "storefront-payment-delayed");
      const status = (await (await fetch(`${config.gatewayUrl}/v1/status`)).json()) as {
        incidents: { id: string; resolvedAt?: string }[];
      };
      const incident = status.incidents.find((candidate) => !candidate.resolvedAt)!;
      const update = "Our bank's payment gateway is down. Your orders are safe; we retry every payment.";
      expect(
        (await admin(`/v1/admin/incidents/${incident.id}/updates`, { kind: "update", message: update }))
          .status,
      ).toBe(201);
      const statusPage = await page.context().newPage();
      await statusPage.goto(`${webUrl}/status`);
      await statusPage.getByText(update).waitFor({ timeout: 10_000 });
      await keepScreenshot(statusPage, "status-page-incident");
      expect(await seriousAccessibilityViolations(statusPage)).toEqual([]);
      expect(await (await fetch(`${config.gatewayUrl}/v1/status/feed.atom`)).text()).toContain(update);

      expect((await setBank({ outage: false })).ok).toBe(true);
      await expect
        .poll(() => page.getByTestId("order-status").textContent(), { timeout: 60_000 })
        .toBe("CONFIRMED");
      await waitFor(
        async () => {
          const now = (await (await fetch(`${config.gatewayUrl}/v1/status`)).json()) as typeof status;
          return now.incidents.find((candidate) => candidate.id === incident.id)?.resolvedAt !== undefined;
        },
        { timeoutMs: 90_000, description: "the incident to end once payments stayed up" },
      );
      const apology =
        "We are sorry: our bank was down for a few minutes and your payments waited. All went through.";
      expect(
        (await admin(`/v1/admin/incidents/${incident.id}/updates`, { kind: "apology", message: apology }))
          .status,
      ).toBe(201);
      await statusPage.getByText(apology).waitFor({ timeout: 10_000 });
      await expect
        .poll(() => statusPage.getByTestId("payments-state").textContent())
        .toBe("Payments are working normally.");
      await keepScreenshot(statusPage, "status-page-apology");
      expect(await (await fetch(`${config.gatewayUrl}/v1/status/feed.atom`)).text()).toContain(apology);
    } finally {
      await setBank({});
      await page.context().close();
    }
  });
});
