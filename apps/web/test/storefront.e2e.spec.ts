import { testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { keepScreenshot, seriousAccessibilityViolations } from "./browser";
import { startWebSystem, type WebSystem } from "./web-system";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("the storefront in a real browser", () => {
  let w: WebSystem;

  beforeAll(async () => {
    w = await startWebSystem(ctx);
  });

  afterAll(async () => {
    await w?.stop();
  });

  it("a shopper checks out and sees CONFIRMED appear without reloading", async () => {
    const page = await (await w.browser.newContext()).newPage();
    await w.signIn(page, `web-shopper-${ctx.uniqueName("c")}`);
    await keepScreenshot(page, "storefront-catalog");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await w.lanternInCart(page);
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
    const page = await (await w.browser.newContext()).newPage();
    await w.signIn(page, `web-shopper-${ctx.uniqueName("o")}`);
    await w.lanternInCart(page);
    const keys: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/v1/checkout"))
        keys.push(request.headers()["idempotency-key"] ?? "");
    });
    const placeOrder = page.getByRole("button", { name: "Place order" });
    await placeOrder.waitFor();
    // Cart stops answering, as a crashed pod would: the gateway's own 503 with Retry-After.
    w.cartRelay.cut();
    try {
      await placeOrder.click();
      await page.getByTestId("retry-countdown").waitFor();
      await keepScreenshot(page, "storefront-overloaded");
      expect(await page.getByRole("heading", { name: "Whoa, it is busy in here!" }).isVisible()).toBe(true);
    } finally {
      w.cartRelay.restore();
    }
    await page.waitForURL(/\/orders\//, { timeout: 30_000 });
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    await expect
      .poll(() => page.getByTestId("order-status").textContent(), { timeout: 60_000 })
      .toBe("CONFIRMED");
    await page.context().close();
  });

  it("a visitor browses the catalog before signing in, and signs in to buy", async () => {
    const page = await (await w.browser.newContext()).newPage();
    await page.goto(w.webUrl);
    const lantern = page.getByRole("listitem").filter({ hasText: "Paper lantern" });
    await lantern.getByRole("link", { name: "Sign in to buy" }).click();
    await page.getByLabel("Your customer name").fill(`web-visitor-${ctx.uniqueName("v")}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await lantern.getByRole("button", { name: "Add to cart" }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("the public status page shows the state of payments without signing in", async () => {
    const page = await (await w.browser.newContext()).newPage();
    await page.goto(`${w.webUrl}/status`);
    await expect
      .poll(() => page.getByTestId("payments-state").textContent())
      .toBe("Payments are working normally.");
    await keepScreenshot(page, "status-page");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
