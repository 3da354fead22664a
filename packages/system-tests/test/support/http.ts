import { expect } from "vitest";

/** JSON over HTTP for tests: asserts the status, returns the parsed body. */
export async function call<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  expected?: number,
): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (expected !== undefined) expect(response.status, `${method} ${url}: ${text}`).toBe(expected);
  return (text ? JSON.parse(text) : undefined) as T;
}
