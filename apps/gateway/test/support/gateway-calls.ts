import { waitFor } from "@peakshop/testing";
import { expect } from "vitest";

/** A dev token from a gateway in dev auth mode. */
export async function devToken(base: string, customerId: string, roles?: "admin"[]): Promise<string> {
  const response = await fetch(`${base}/v1/auth/dev-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customerId, ...(roles ? { roles } : {}) }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** A refusal as API.md promises it: the status, problem+json, Retry-After and a detail that names the wait. */
export async function expectRefusal(response: Response, status: 429 | 503, detail: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  expect(response.headers.get("x-request-id")).toBeTruthy();
  const problem = (await response.json()) as { status: number; detail: string };
  expect(problem.status).toBe(status);
  expect(problem.detail).toMatch(detail);
  expect(problem.detail).toContain(response.headers.get("retry-after"));
}

/** A metric's value from a gateway's /metrics, by name and an optional label. */
export async function metric(base: string, name: string, label = ""): Promise<number | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split("\n").find((row) => row.startsWith(`${name}{`) && row.includes(label));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

/** Waits (10 s at most) until the gateway's metric reads `value`. */
export async function metricReaches(base: string, name: string, value: number, description: string) {
  await waitFor(async () => (await metric(base, name)) === value, { timeoutMs: 10_000, description });
}
