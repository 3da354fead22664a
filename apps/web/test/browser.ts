import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium, installed by scripts/setup.sh; PEAKSHOP_CHROMIUM points elsewhere. Nothing downloads a browser. */
export function chromiumPath(): string {
  const path = process.env["PEAKSHOP_CHROMIUM"] ?? "/usr/bin/chromium";
  if (!existsSync(path))
    throw new Error(`no browser at ${path}: run scripts/setup.sh, or set PEAKSHOP_CHROMIUM`);
  return path;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Containers and CI machines run as root without a user namespace for the sandbox.
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

const screenshots = fileURLToPath(new URL("../reports/screenshots/", import.meta.url));

/** Kept as a test artifact (reports/screenshots), for the note and the README. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}
