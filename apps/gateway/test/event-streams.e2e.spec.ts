import type { StreamEvent } from "@peakshop/client";
import { testContext } from "@peakshop/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { collect, short, startGatewayHarness, type GatewayHarness } from "./support/gateway-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("the gateway's Server-Sent Event streams, through the typed client", () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    h = await startGatewayHarness(ctx);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("resumes an order's stream after Last-Event-ID, and answers 204 once it has all of it", async () => {
    const sku = await h.productOnSale();
    const bob = await h.signIn(`bob-${short()}`);
    const orderId = await h.placeOrder(bob, sku, "tok_declined");
    const all = await collect(bob.followOrder(orderId));
    expect(all.at(-1)?.data).toMatchObject({ status: "CANCELLED", reason: expect.any(String) });

    const resumed = await collect(bob.followOrder(orderId, { lastEventId: "2" }));
    expect(resumed.map((event) => event.id)).toEqual(all.slice(2).map((event) => event.id));
    expect(resumed.map((event) => event.data)).toEqual(all.slice(2).map((event) => event.data));

    const finished = await fetch(`${h.base}/v1/orders/${orderId}/stream`, {
      headers: { authorization: `Bearer ${h.tokenOf(bob)}`, "last-event-id": all.at(-1)!.id },
    });
    expect(finished.status).toBe(204);
  });

  it("streams a customer's notifications as they come, and resumes after Last-Event-ID", async () => {
    const sku = await h.productOnSale();
    const carol = await h.signIn(`carol-${short()}`);
    const controller = new AbortController();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const live = carol.followNotifications({ signal: controller.signal, onOpen: () => opened() });
    const first = live.next();
    await open;

    const orderId = await h.placeOrder(carol, sku);
    const received: StreamEvent<{ id: string; orderId?: string; kind: string }>[] = [];
    try {
      for (let next = await first; !next.done; next = await live.next()) {
        received.push(next.value);
        if (next.value.data.kind === "order-confirmed" || received.length >= 10) break;
      }
    } finally {
      controller.abort();
    }
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((event) => event.type === "notification" && event.id === event.data.id)).toBe(true);
    expect(received.every((event) => event.data.orderId === orderId)).toBe(true);
    expect(new Set(received.map((event) => event.id)).size).toBe(received.length);
    expect(received.at(-1)?.data.kind).toBe("order-confirmed");

    const resume = new AbortController();
    const after = carol.followNotifications({ lastEventId: received[0]!.id, signal: resume.signal });
    const resumed: string[] = [];
    try {
      for await (const event of after) {
        resumed.push(event.id);
        if (resumed.length === received.length - 1) break;
      }
    } finally {
      resume.abort();
    }
    expect(resumed).toEqual(received.slice(1).map((event) => event.id));
  });
});
