import { CheckoutRequestedV1 } from "@peakshop/contracts";
import { runServiceCli, type ServiceCliContext } from "@peakshop/eventsourcing";
import { loadOrderConfig, ORDER_ENTITIES, ORDER_MIGRATIONS, ORDER_PROJECTIONS } from "@peakshop/order/app";
import { testContext, waitFor } from "@peakshop/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startCheckoutSystem, type CheckoutSystem } from "../src/checkout-system";
import { checkoutDriver } from "./support/checkout-driver";
import { publishPoisonMessage } from "../src/poison-message";

const ctx = testContext(inject("peakshopInfrastructure"));

/** What operators do to a running system with the services' own commands and endpoints. */
describe("operating the services", () => {
  let system: CheckoutSystem;
  let driver: ReturnType<typeof checkoutDriver>;
  let orderCli: (
    args: string[],
    extra?: Partial<ServiceCliContext>,
  ) => Promise<{ code: number; lines: string[] }>;

  beforeAll(async () => {
    system = await startCheckoutSystem(ctx);
    driver = checkoutDriver(system);
    const config = loadOrderConfig({
      DATABASE_URL: system.databaseUrls.order,
      KAFKA_BROKERS: ctx.brokers.join(","),
      LOG_LEVEL: "warn",
    });
    orderCli = async (args, extra: Partial<ServiceCliContext> = {}) => {
      const lines: string[] = [];
      const code = await runServiceCli(args, {
        config,
        database: { entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS },
        projections: ORDER_PROJECTIONS,
        consumer: "order",
        out: (line) => lines.push(line),
        ...extra,
      });
      return { code, lines };
    };
  });

  afterAll(async () => {
    await system?.stop();
  });

  // Topics are shared with the other test files' systems, so this order service also sees their
  // orders, still moving; only the orders this test drove to a final status can be compared.
  const ordersView = async (orderIds: string[]) => {
    const client = new pg.Client({ connectionString: system.databaseUrls.order });
    await client.connect();
    try {
      const sql =
        "SELECT order_id, status, state FROM orders_view WHERE order_id = ANY($1) ORDER BY order_id";
      return (await client.query(sql, [orderIds])).rows;
    } finally {
      await client.end();
    }
  };

  it("rebuilds the orders read model from the event store to what the saga wrote, and migrates by command", async () => {
    const sku = await driver.product(5);
    const orderIds: string[] = [];
    for (const token of ["tok_ok", "tok_declined"]) {
      const { orderId } = await driver.checkout(sku, 1, token);
      await driver.final(orderId);
      orderIds.push(orderId);
    }
    const before = await ordersView(orderIds);
    expect(before).toHaveLength(2);
    const rebuilt = await orderCli(["projections", "rebuild", "orders-view"]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.lines).toEqual([expect.stringMatching(/^rebuilt orders-view from \d+ event\(s\)$/)]);
    expect(await ordersView(orderIds)).toEqual(before);
    expect(await orderCli(["migrate"])).toEqual({ code: 0, lines: ["database is up to date"] });
  });

  it("creates a service's topics by command, with the operator's partition count", async () => {
    const topic = `${ctx.uniqueName("cli-topic")}.v1`;
    const topics = [{ topic, partitions: 3 }];
    const lines = [
      ...(await orderCli(["topics", "list"], { topics })).lines,
      ...(await orderCli(["topics", "ensure", "--partitions", "2"], { topics })).lines,
      ...(await orderCli(["topics", "ensure", "--partitions", "5"], { topics })).lines,
    ];
    expect(lines).toEqual([`${topic}\tmissing`, `${topic}\t2 partition(s)`, `${topic}\t2 partition(s)`]);
  });

  it("dead-letters a malformed message, keeps consuming, and lists it for operators", async () => {
    const poisonId = await publishPoisonMessage(ctx.brokers);
    // Orders after the poison still go through.
    const sku = await driver.product(1);
    expect((await driver.final((await driver.checkout(sku, 1)).orderId)).status).toBe("CONFIRMED");
    const letter = await waitFor(
      async () => {
        const { code, lines } = await orderCli(["dead-letters", "list"]);
        expect(code).toBe(0);
        return lines
          .map((line) => JSON.parse(line) as { messageId: string; error: string; originalTopic: string })
          .find((candidate) => candidate.messageId === poisonId);
      },
      { timeoutMs: 60_000, intervalMs: 500, description: `dead letter ${poisonId} listed` },
    );
    expect(letter).toMatchObject({ originalTopic: CheckoutRequestedV1.topic, error: expect.any(String) });
  });

  it("has every service report ready only with its database and broker up, and serve metrics", async () => {
    for (const url of [
      system.urls.order,
      system.urls.notification,
      system.urls.inventory,
      system.urls.payment,
    ]) {
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: "ok",
        info: { database: { status: "up" }, kafka: { status: "up" } },
      });
      const metrics = await fetch(`${url}/metrics`);
      expect(await metrics.text()).toContain("process_cpu_user_seconds_total");
    }
  });
});
