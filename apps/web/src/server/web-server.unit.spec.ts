import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebServer } from "./web-server";

describe("the web server", () => {
  let root: string;
  let server: FastifyInstance;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "peakshop-web-"));
    await mkdir(join(root, "assets"));
    await writeFile(join(root, "index.html"), "<!doctype html><title>peakshop</title>");
    await writeFile(join(root, "assets", "app-1a2b.js"), "export {};");
    server = await startWebServer({
      root,
      config: { gatewayUrl: "http://127.0.0.1:3000", devSignIn: false, statusRefreshSeconds: 15 },
    });
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("serves metrics as the services do: requests by route template, deep links as one route", async () => {
    // Given a browser that loaded the app, an asset and two order pages by deep link
    for (const url of ["/", "/assets/app-1a2b.js", "/orders/o-1", "/orders/o-2"])
      expect((await server.inject({ method: "GET", url })).statusCode).toBe(200);

    // When Prometheus scrapes the web server
    const scrape = await server.inject({ method: "GET", url: "/metrics" });

    // Then it reads the same series as every service's, labelled web
    expect(scrape.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const counts = scrape.body
      .split("\n")
      .filter((line) => line.startsWith("peakshop_http_request_duration_seconds_count"));
    expect(counts.sort()).toEqual([
      'peakshop_http_request_duration_seconds_count{service="web",method="GET",route="/assets/app-1a2b.js",status_code="200"} 1',
      'peakshop_http_request_duration_seconds_count{service="web",method="GET",route="unmatched",status_code="200"} 3',
    ]);
    expect(scrape.body).toContain('process_cpu_user_seconds_total{service="web"}');
  });
});
