import { createPeakshopClient } from "@peakshop/client";
import { startTcpRelay, testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGatewayConfig, startGatewayService } from "../src/app";
import { short, startGatewayHarness, urlOf, type GatewayHarness } from "./support/gateway-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

/** The public status through the gateway: admins' posts, caching, the feed, and what happens when notification is gone. */
describe("the payment status at the gateway", () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness(ctx);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("lets only admins post on an incident's timeline, and says why a post is refused", async () => {
    const alice = await h.signIn(`alice-${short()}`);
    const post = (client: typeof alice, incidentId: string, body: unknown) =>
      client.api.POST("/v1/admin/incidents/{incidentId}/updates", {
        params: { path: { incidentId } },
        body: body as { kind: "update"; message: string },
      });
    const update = { kind: "update", message: "We are on the phone with the bank." };
    expect((await post(alice, "any-incident", update)).response.status).toBe(403);
    const unknown = await post(h.admin, `no-incident-${short()}`, update);
    expect(unknown.response.status).toBe(404);
    expect(unknown.response.headers.get("content-type")).toContain("application/problem+json");
    const invalid = await post(h.admin, "any-incident", { kind: "tweet", message: "" });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errors?.map((error) => error.field)).toEqual(
      expect.arrayContaining(["body.kind", "body.message"]),
    );
  });

  it("serves the status cacheable and as an Atom feed, and from its last reading once notification stops answering", async () => {
    // A TCP relay to the real notification service, cut mid-test as a crashed service or a broken network would be.
    const relay = await startTcpRelay(h.env["NOTIFICATION_URL"]!);
    const relayed = await startGatewayService(
      loadGatewayConfig({
        ...h.env,
        NOTIFICATION_URL: relay.url,
        UPSTREAM_TIMEOUT_MS: "1000",
        STATUS_PAGE_URL: "http://shop.example.test/status",
      }),
      { port: 0 },
    );
    try {
      const base = await urlOf(relayed);
      const fresh = await fetch(`${base}/v1/status`);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get("cache-control")).toContain("stale-while-revalidate=");
      expect(fresh.headers.get("age")).toBe("0");
      const reading = await fresh.json();

      const feed = await fetch(`${base}/v1/status/feed.atom`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get("content-type")).toContain("application/atom+xml");
      const atom = await feed.text();
      expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(atom).toContain("<title>peakshop status</title>");
      expect(atom).toContain('href="http://shop.example.test/status"');
      expect(atom).toContain("Payments are working normally");

      relay.cut();
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const remembered = await fetch(`${base}/v1/status`);
      expect(remembered.status).toBe(200);
      expect(Number(remembered.headers.get("age"))).toBeGreaterThanOrEqual(2);
      expect(await remembered.json()).toEqual(reading);
    } finally {
      await relay.close();
      await relayed.close();
    }
  });

  it("answers 503 with Retry-After when a service does not answer", async () => {
    const closed = await startGatewayService(
      loadGatewayConfig({
        ...h.env,
        NOTIFICATION_URL: "http://127.0.0.1:9",
        UPSTREAM_TIMEOUT_MS: "1000",
      }),
      { port: 0 },
    );
    try {
      const client = createPeakshopClient({ baseUrl: await urlOf(closed) });
      const { response, error } = await client.api.GET("/v1/status");
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(response.headers.get("x-request-id")).toBeTruthy();
      expect(error?.detail).toMatch(/notification/);
    } finally {
      await closed.close();
    }
  });
});
