import { CheckoutRequestedV1 } from "@peakshop/contracts";
import { publishPoisonMessage } from "@peakshop/system-tests/poison-message";
import { testContext } from "@peakshop/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { keepScreenshot, seriousAccessibilityViolations } from "./browser";
import { startWebSystem, type WebSystem } from "./web-system";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("the operator console in a real browser", () => {
  let w: WebSystem;

  beforeAll(async () => {
    w = await startWebSystem(ctx);
  });

  afterAll(async () => {
    await w?.system.setBankFaults({});
    await w?.stop();
  });

  const operatorConsole = async (): Promise<Page> => {
    const page = await (await w.browser.newContext()).newPage();
    await page.goto(`${w.webUrl}/console`);
    await page.getByLabel("Your operator name").fill("ops-on-call");
    await page.getByRole("button", { name: "Sign in as operator" }).click();
    await page.getByRole("heading", { name: "Payments" }).waitFor();
    return page;
  };

  it("tells the truth through a bank outage: the operator sees the order held up, posts an update the status page and feed show, and after recovery an apology that reaches the shopper", async () => {
    const ops = await operatorConsole();
    // The dev panel plays the bank's outage.
    await ops.getByLabel("Outage").check();
    await ops.getByRole("button", { name: "Apply" }).click();
    await ops.getByText("The bank simulator now plays these faults.").waitFor();

    const shopper = await (await w.browser.newContext()).newPage();
    await w.signIn(shopper, `web-shopper-${ctx.uniqueName("b")}`);
    await w.lanternInCart(shopper);
    await shopper.getByRole("button", { name: "Place order" }).click();
    await shopper.waitForURL(/\/orders\//);
    await shopper.getByText("Payment delayed").waitFor({ timeout: 20_000 });
    await shopper
      .getByRole("status")
      .filter({ hasText: /Payments are (down|slow)/ })
      .waitFor({ timeout: 20_000 });
    await keepScreenshot(shopper, "storefront-payment-delayed");

    await expect
      .poll(() => ops.getByTestId("open-orders").textContent(), { timeout: 20_000 })
      .toMatch(/PAYMENT_PENDING [1-9]/);
    await expect
      .poll(() => ops.getByTestId("bank-error-rate").textContent(), { timeout: 20_000 })
      .not.toMatch(/^0\.0%/);
    await ops.getByRole("heading", { name: "Open incident" }).waitFor({ timeout: 20_000 });
    const update = "Our bank's payment gateway is down. Your orders are safe; we retry every payment.";
    await ops.getByLabel("In your own words").fill(update);
    await ops.getByRole("button", { name: "Post", exact: true }).click();
    await ops.getByText("Update posted on the status page and its feed.").waitFor();
    await keepScreenshot(ops, "console-incident");
    expect(await seriousAccessibilityViolations(ops)).toEqual([]);

    const statusPage = await shopper.context().newPage();
    await statusPage.goto(`${w.webUrl}/status`);
    await statusPage.getByText(update).waitFor({ timeout: 10_000 });
    await keepScreenshot(statusPage, "status-page-incident");
    expect(await seriousAccessibilityViolations(statusPage)).toEqual([]);
    expect(await (await fetch(`${w.config.gatewayUrl}/v1/status/feed.atom`)).text()).toContain(update);

    await ops.getByRole("button", { name: "Heal the bank" }).click();
    await expect
      .poll(() => shopper.getByTestId("order-status").textContent(), { timeout: 60_000 })
      .toBe("CONFIRMED");
    // Once payments stayed up, the incident ends; then the apology, in the operator's words.
    await ops.getByRole("heading", { name: "Latest incident (resolved)" }).waitFor({ timeout: 90_000 });
    const apology =
      "We are sorry: our bank was down for a few minutes and your payments waited. All went through.";
    await ops.getByLabel("Apology (once resolved)").check();
    await ops.getByLabel("In your own words").fill(apology);
    await ops.getByRole("button", { name: "Post", exact: true }).click();
    await ops.getByText(/Apology posted, and sent to [1-9]\d* customer/).waitFor();

    await statusPage.getByText(apology).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => statusPage.getByTestId("payments-state").textContent())
      .toBe("Payments are working normally.");
    await keepScreenshot(statusPage, "status-page-apology");
    expect(await (await fetch(`${w.config.gatewayUrl}/v1/status/feed.atom`)).text()).toContain(apology);

    await shopper.getByRole("link", { name: "Messages" }).click();
    await shopper.getByText(apology).waitFor({ timeout: 10_000 });
    await keepScreenshot(shopper, "storefront-inbox-apology");
    await ops.context().close();
    await shopper.context().close();
  });

  it("lists a consumer's dead letters with the error, and replays one", async () => {
    await publishPoisonMessage(ctx.brokers);
    const ops = await operatorConsole();
    const order = ops.getByTestId("dead-letters-order");
    await expect
      .poll(
        async () => {
          await ops.reload();
          await ops.getByRole("heading", { name: "Dead letters" }).waitFor();
          return (await order.textContent()) ?? "";
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toContain(CheckoutRequestedV1.topic);
    await keepScreenshot(ops, "console-dead-letters");
    expect(await seriousAccessibilityViolations(ops)).toEqual([]);
    await order
      .getByRole("button", { name: /^Replay \d+:\d+$/ })
      .last()
      .click();
    await ops.getByText("Replayed 1 dead letter(s) of order.").waitFor();
    await ops.context().close();
  });
});
