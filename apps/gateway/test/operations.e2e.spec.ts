import { CheckoutRequestedV1 } from "@peakshop/contracts";
import { publishPoisonMessage } from "@peakshop/system-tests/poison-message";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { short, startGatewayHarness, type GatewayHarness } from "./support/gateway-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

/** What the operator console reads and does, through the gateway's admin routes, on the real system. */
describe("the operator's routes at the gateway", () => {
  let h: GatewayHarness;
  let orderDb: DataSource;

  beforeAll(async () => {
    h = await startGatewayHarness(ctx);
    orderDb = await new DataSource({ type: "postgres", url: h.system.databaseUrls.order }).initialize();
  });

  afterAll(async () => {
    await orderDb?.destroy();
    await h?.stop();
  });

  it("are the admin's only", async () => {
    const shopper = await h.signIn(`shopper-${short()}`);
    const answers = await Promise.all([
      shopper.api.GET("/v1/admin/orders"),
      shopper.api.GET("/v1/admin/bank"),
      shopper.api.GET("/v1/admin/dead-letters"),
      shopper.api.POST("/v1/admin/dead-letters/{consumer}/replay", {
        params: { path: { consumer: "order" } },
        body: {},
      }),
    ]);
    expect(answers.map(({ response }) => response.status)).toEqual([403, 403, 403, 403]);
  });

  it("show an order held up by the bank, the failing bank and its circuit, and the order confirmed once the bank is back", async () => {
    const shopper = await h.signIn(`shopper-${short()}`);
    const sku = await h.productOnSale();
    await h.system.setBankFaults({ outage: true });
    let orderId = "";
    try {
      orderId = await h.placeOrder(shopper, sku);
      const pending = await waitFor(
        async () => {
          const { data } = await h.admin.api.GET("/v1/admin/orders", {
            params: { query: { status: "PAYMENT_PENDING" } },
          });
          return data?.orders.find((order) => order.orderId === orderId);
        },
        { timeoutMs: 60_000, description: "the order to wait on the bank" },
      );
      expect(pending).toMatchObject({
        status: "PAYMENT_PENDING",
        customerId: expect.any(String),
        stuck: null,
      });
      const { data: overview } = await h.admin.api.GET("/v1/admin/orders");
      expect(overview!.open.PAYMENT_PENDING).toBeGreaterThanOrEqual(1);

      const bank = await waitFor(
        async () => {
          const { data } = await h.admin.api.GET("/v1/admin/bank");
          return data && data.recent.failed > 0 ? data : undefined;
        },
        { timeoutMs: 60_000, description: "payment to see the bank fail" },
      );
      expect(bank.recent.errorRate).toBeGreaterThan(0);
      expect(["closed", "half-open", "open"]).toContain(bank.circuit.state);
    } finally {
      await h.system.setBankFaults({});
    }
    await waitFor(
      async () =>
        (await shopper.api.GET("/v1/orders/{orderId}", { params: { path: { orderId } } })).data?.status ===
        "CONFIRMED",
      { timeoutMs: 60_000, description: "the order to confirm once the bank is back" },
    );
    const { data: after } = await h.admin.api.GET("/v1/admin/orders");
    expect(after!.orders.map((order) => order.orderId)).not.toContain(orderId);
    const invalid = await h.admin.api.GET("/v1/admin/orders", {
      params: { query: { status: "CONFIRMED" as "PLACED" } },
    });
    expect(invalid.response.status).toBe(400);
  });

  it("mark open orders past their deadline or stalled, and list only those when asked", async () => {
    // Rows staged in the read model (no events behind them): the saga would never leave an order so.
    const [late, stalled] = [randomUUID(), randomUUID()];
    const stage = (orderId: string, status: string, deadline: string, updatedAgo: string) =>
      orderDb.query(
        `INSERT INTO orders_view (order_id, customer_id, status, state, placed_at, updated_at)
         VALUES ($1, 'staged-customer', $2, $3, now() - interval '10 minutes', now() - $4::interval)`,
        [
          orderId,
          status,
          JSON.stringify({
            orderId,
            customerId: "staged-customer",
            status,
            items: [{ sku: "staged", name: "Staged", quantity: 1, unitPriceCents: 100 }],
            totalCents: 100,
            currency: "EUR",
            payment: { status: "pending", attempts: 3 },
            deadline,
            history: [{ status: "PLACED", at: new Date(Date.now() - 600_000).toISOString() }],
          }),
          updatedAgo,
        ],
      );
    await stage(late, "PAYMENT_PENDING", new Date(Date.now() - 120_000).toISOString(), "5 seconds");
    await stage(stalled, "STOCK_RESERVED", new Date(Date.now() + 600_000).toISOString(), "2 minutes");
    try {
      const { data } = await h.admin.api.GET("/v1/admin/orders", { params: { query: { stuck: "true" } } });
      const stuck = new Map(data!.orders.map((order) => [order.orderId, order.stuck]));
      expect(stuck.get(late)).toBe("past-deadline");
      expect(stuck.get(stalled)).toBe("stalled");
      expect([...stuck.values()].every((reason) => reason !== null)).toBe(true);
    } finally {
      await orderDb.query(`DELETE FROM orders_view WHERE order_id = ANY($1)`, [[late, stalled]]);
    }
  });

  it("list a consumer's dead letters with their error, and replay one", async () => {
    const poisonId = await publishPoisonMessage(ctx.brokers);
    const lettersOf = async () => {
      const { data } = await h.admin.api.GET("/v1/admin/dead-letters");
      const order = data!.consumers.find((consumer) => consumer.consumer === "order");
      expect(order?.error).toBeUndefined();
      expect(data!.consumers.map((consumer) => consumer.consumer).sort()).toEqual([
        "inventory",
        "notification",
        "order",
        "payment",
      ]);
      return order!.deadLetters.filter((letter) => letter.messageId === poisonId);
    };
    const [letter] = await waitFor(async () => ((await lettersOf()).length ? lettersOf() : undefined), {
      timeoutMs: 60_000,
      intervalMs: 1_000,
      description: "the poison to be dead-lettered",
    });
    expect(letter).toMatchObject({ originalTopic: CheckoutRequestedV1.topic, error: expect.any(String) });

    const { data: replayed } = await h.admin.api.POST("/v1/admin/dead-letters/{consumer}/replay", {
      params: { path: { consumer: "order" } },
      body: { positions: [`${letter!.partition}:${letter!.offset}`] },
    });
    expect(replayed).toEqual({ consumer: "order", replayed: 1 });
    // Still poison: the replay is dead-lettered again, so the operator sees it twice.
    await waitFor(async () => (await lettersOf()).length === 2, {
      timeoutMs: 60_000,
      intervalMs: 1_000,
      description: "the replayed poison to be dead-lettered again",
    });
    const bad = await h.admin.api.POST("/v1/admin/dead-letters/{consumer}/replay", {
      params: { path: { consumer: "cart" as "order" } },
      body: {},
    });
    expect(bad.response.status).toBe(400);
  });
});
