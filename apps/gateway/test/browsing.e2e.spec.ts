import { testContext } from "@peakshop/testing";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../src/app";
import { startGatewayHarness, urlOf, type GatewayHarness } from "./support/gateway-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

/** What a storefront on another origin does before anyone signs in: browse. */
describe("browsing the gateway from a browser", () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness(ctx);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("lets anyone page through the catalog without a token, and refuses a bad token there", async () => {
    const skus = ["A", "B", "C"].map((letter) => `BROWSE-${letter}-${randomUUID().slice(0, 8)}`);
    for (const sku of skus) {
      const put = await h.admin.api.PUT("/v1/admin/products/{sku}", {
        params: { path: { sku } },
        body: { name: `Lantern ${sku}`, priceCents: 1250, currency: "EUR", stock: 3 },
      });
      expect(put.response.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const { data, response } = await h.anonymous.api.GET("/v1/products", {
        params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } },
      });
      expect(response.status).toBe(200);
      expect(data!.items.length).toBeLessThanOrEqual(2);
      seen.push(...data!.items.map((item) => item.sku));
      if (!data!.nextCursor) break;
      cursor = data!.nextCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(skus));
    const all = await h.anonymous.api.GET("/v1/products");
    expect(all.data?.items.map((item) => item.sku)).toEqual(seen);
    const badToken = await fetch(`${h.base}/v1/products`, {
      headers: { authorization: "Bearer not.a.token" },
    });
    expect(badToken.status).toBe(401);
  });

  it("lets browsers on the allowed origins call it (CORS), and browse the catalog before signing in", async () => {
    const webOrigin = "http://shop.example.test";
    const cors = await startGatewayService(loadGatewayConfig({ ...h.env, GATEWAY_CORS_ORIGINS: webOrigin }), {
      port: 0,
    });
    try {
      const base = await urlOf(cors);
      const preflight = (origin: string) =>
        fetch(`${base}/v1/checkout`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type,idempotency-key",
          },
        });
      const allowed = await preflight(webOrigin);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get("access-control-allow-origin")).toBe(webOrigin);
      expect(allowed.headers.get("access-control-allow-headers")).toContain("idempotency-key");
      const other = await preflight("http://elsewhere.example.test");
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const status = await fetch(`${base}/v1/status`, { headers: { origin: webOrigin } });
      expect(status.headers.get("access-control-allow-origin")).toBe(webOrigin);
      const browse = await fetch(`${base}/v1/products`, { headers: { origin: webOrigin } });
      expect([browse.status, browse.headers.get("access-control-allow-origin")]).toEqual([200, webOrigin]);
      // A gateway that lists no origin answers none.
      const closed = await fetch(`${h.base}/v1/status`, { headers: { origin: webOrigin } });
      expect(closed.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await cors.close();
    }
  });

  it("serves a frontend's script that installs the packed @peakshop/client, outside the workspace", async () => {
    const sku = `EXAMPLE-${randomUUID().slice(0, 8)}`;
    const put = await h.admin.api.PUT("/v1/admin/products/{sku}", {
      params: { path: { sku } },
      body: { name: "Example lantern", priceCents: 990, currency: "EUR", stock: 5 },
    });
    expect(put.response.status).toBe(201);
    const work = await mkdtemp(join(tmpdir(), "peakshop-example-"));
    try {
      // As another team would get it: the tarball pnpm publishes (catalog and workspace ranges resolved), installed as a dependency.
      await run("pnpm", ["pack", "--pack-destination", work], CLIENT);
      const tarball = (await readdir(work)).find((name) => name.endsWith(".tgz"))!;
      const example = join(work, "storefront-script");
      await cp(EXAMPLE, example, { recursive: true });
      await run("pnpm", ["add", join(work, tarball)], example);
      const { stdout } = await run(process.execPath, ["index.mjs"], example, {
        PEAKSHOP_GATEWAY_URL: h.base,
        PEAKSHOP_SKU: sku,
      });
      expect(stdout).toContain(`browsing: Example lantern (${sku})`);
      expect(stdout.trim().split("\n").at(-1)).toBe("status: CONFIRMED");
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

const CLIENT = fileURLToPath(new URL("../../../packages/client", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../../examples/storefront-script", import.meta.url));

/** Runs a command to its end (asynchronously: the system under test runs in this process). */
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  promisify(execFile)(command, args, { cwd, env: { ...process.env, ...env }, timeout: 120_000 });
