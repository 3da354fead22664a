import type { INestApplication } from "@nestjs/common";
import { SkeletonEventRecordedV1, type SkeletonEventRecorded } from "@peakshop/contracts";
import { runServiceCli } from "@peakshop/eventsourcing";
import {
  loadNotificationConfig,
  startNotificationService,
  type NotificationConfig,
} from "@peakshop/notification/app";
import {
  loadOrderConfig,
  ORDER_ENTITIES,
  ORDER_MIGRATIONS,
  ORDER_PROJECTIONS,
  startOrderService,
  type OrderConfig,
} from "@peakshop/order/app";
import { KafkajsAdapter } from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const ctx = testContext(inject("peakshopInfrastructure"));

async function baseUrl(app: INestApplication): Promise<string> {
  return (await app.getUrl()).replace("[::1]", "127.0.0.1");
}

async function queryRows<T>(databaseUrl: string, sql: string, params: unknown[]): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("walking skeleton: order -> PostgreSQL -> Kafka -> notification -> PostgreSQL", () => {
  let order: INestApplication;
  let notification: INestApplication;
  let orderUrl: string;
  let notificationUrl: string;
  let orderDb: string;
  let notificationDb: string;
  let orderConfig: OrderConfig;
  let notificationConfig: NotificationConfig;

  beforeAll(async () => {
    orderDb = await ctx.createDatabase(ctx.uniqueName("order"));
    notificationDb = await ctx.createDatabase(ctx.uniqueName("notification"));
    const common = { KAFKA_BROKERS: ctx.brokers.join(","), LOG_LEVEL: "warn", HTTP_HOST: "127.0.0.1" };
    orderConfig = loadOrderConfig({ ...common, DATABASE_URL: orderDb });
    notificationConfig = loadNotificationConfig({
      ...common,
      DATABASE_URL: notificationDb,
      KAFKA_GROUP_ID: ctx.uniqueName("notification"),
    });
    order = await startOrderService(orderConfig, { port: 0 });
    notification = await startNotificationService(notificationConfig, { port: 0 });
    orderUrl = await baseUrl(order);
    notificationUrl = await baseUrl(notification);
  });

  afterAll(async () => {
    await Promise.allSettled([order?.close(), notification?.close()]);
  });

  async function recordEvent(message: string): Promise<SkeletonEventRecorded> {
    const response = await fetch(`${orderUrl}/v1/skeleton/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message }),
    });
    expect(response.status).toBe(201);
    return SkeletonEventRecordedV1.schema.parse(await response.json());
  }

  async function receivedBy(eventId: string) {
    const response = await fetch(`${notificationUrl}/v1/skeleton/received/${eventId}`);
    return response.status === 200 ? ((await response.json()) as { message: string }) : undefined;
  }

  it("stores the event, publishes it through the outbox, and the consumer records it in its own database", async () => {
    const event = await recordEvent("hello from order");

    const stored = await queryRows<{ type: string }>(
      orderDb,
      "SELECT type FROM es_events WHERE event_id = $1",
      [event.eventId],
    );
    expect(stored).toEqual([{ type: SkeletonEventRecordedV1.type }]);
    await waitFor(
      async () => (await fetch(`${orderUrl}/v1/skeleton/events/${event.eventId}`)).status === 200,
      {
        description: "the order read model (projection) to show the event",
      },
    );

    const received = await waitFor(() => receivedBy(event.eventId), {
      timeoutMs: 60_000,
      description: `notification to receive ${event.eventId}`,
    });
    expect(received.message).toBe("hello from order");
    const rows = await queryRows(notificationDb, "SELECT 1 FROM received_events WHERE event_id = $1", [
      event.eventId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it("a redelivered event changes nothing the second time", async () => {
    const event = await recordEvent("delivered twice");
    await waitFor(() => receivedBy(event.eventId), { timeoutMs: 60_000, description: "first delivery" });

    // Same key, so the copy and the marker land on the event's partition, in order.
    const kafka = new KafkajsAdapter({
      brokers: ctx.brokers,
      clientId: "skeleton-test",
      service: "test",
      logLevel: "warn",
    });
    const marker = SkeletonEventRecordedV1.schema.parse({
      eventId: crypto.randomUUID(),
      message: "marker after the duplicate",
      recordedAt: new Date().toISOString(),
    });
    try {
      await kafka.publish([
        {
          topic: SkeletonEventRecordedV1.topic,
          key: event.eventId,
          value: JSON.stringify(event),
          headers: { ce_id: event.eventId },
        },
        {
          topic: SkeletonEventRecordedV1.topic,
          key: event.eventId,
          value: JSON.stringify(marker),
          headers: { ce_id: marker.eventId },
        },
      ]);
    } finally {
      await kafka.close();
    }
    await waitFor(() => receivedBy(marker.eventId), { timeoutMs: 60_000, description: "the marker" });

    const rows = await queryRows<{ count: string }>(
      notificationDb,
      "SELECT count(*) FROM received_events WHERE event_id = $1",
      [event.eventId],
    );
    expect(rows[0]?.count).toBe("1");
    const inbox = await queryRows(notificationDb, "SELECT 1 FROM es_inbox WHERE message_id = $1", [
      event.eventId,
    ]);
    expect(inbox).toHaveLength(1);
  });

  it("dead-letters a malformed event, keeps consuming, and lists it for operators", async () => {
    const poisonId = crypto.randomUUID();
    const kafka = new KafkajsAdapter({
      brokers: ctx.brokers,
      clientId: "skeleton-test",
      service: "test",
      logLevel: "warn",
    });
    try {
      await kafka.publish([
        {
          topic: SkeletonEventRecordedV1.topic,
          key: "poison",
          value: "{not json",
          headers: { ce_id: poisonId },
        },
      ]);
    } finally {
      await kafka.close();
    }
    const after = await recordEvent("after the poison");
    await waitFor(() => receivedBy(after.eventId), {
      timeoutMs: 60_000,
      description: "the event after the poison",
    });

    // The poison went to another partition than the event after it, so it may
    // still be between retries: the operators' listing shows it once it is dead-lettered.
    const deadLettered = await waitFor(
      async () => {
        const lines: string[] = [];
        const code = await runServiceCli(["dead-letters", "list"], {
          config: notificationConfig,
          database: { entities: [], migrations: [] },
          consumer: "notification",
          out: (line) => lines.push(line),
        });
        expect(code).toBe(0);
        return lines
          .map((line) => JSON.parse(line) as { messageId: string; error: string })
          .find((letter) => letter.messageId === poisonId);
      },
      { timeoutMs: 60_000, intervalMs: 500, description: `dead letter ${poisonId} listed` },
    );
    expect(deadLettered.error).toMatch(/SyntaxError/);
  });

  it("rebuilds the order read model from the event store and migrates by command", async () => {
    const before = await queryRows(orderDb, "SELECT * FROM skeleton_events ORDER BY event_id", []);
    expect(before.length).toBeGreaterThan(0);
    const lines: string[] = [];
    const context = {
      config: orderConfig,
      database: { entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS },
      projections: ORDER_PROJECTIONS,
      out: (line: string) => lines.push(line),
    };
    expect(await runServiceCli(["projections", "rebuild", "skeleton-events"], context)).toBe(0);
    expect(await runServiceCli(["migrate"], context)).toBe(0);
    expect(lines).toEqual([
      `rebuilt skeleton-events from ${before.length} event(s)`,
      "database is up to date",
    ]);
    expect(await queryRows(orderDb, "SELECT * FROM skeleton_events ORDER BY event_id", [])).toEqual(before);
  });

  it("creates the service's topics by command, with the operator's partition count", async () => {
    const topic = `${ctx.uniqueName("cli-topic")}.v1`;
    const lines: string[] = [];
    const context = {
      config: orderConfig,
      database: { entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS },
      topics: [{ topic, partitions: 3 }],
      out: (line: string) => lines.push(line),
    };
    expect(await runServiceCli(["topics", "list"], context)).toBe(0);
    expect(await runServiceCli(["topics", "ensure", "--partitions", "2"], context)).toBe(0);
    expect(await runServiceCli(["topics", "ensure", "--partitions", "5"], context)).toBe(0);
    expect(lines).toEqual([`${topic}\tmissing`, `${topic}\t2 partition(s)`, `${topic}\t2 partition(s)`]);
  });

  it("both services report ready only with database and broker up, and serve metrics", async () => {
    for (const url of [orderUrl, notificationUrl]) {
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: "ok",
        info: { database: { status: "up" }, kafka: { status: "up" } },
      });
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("process_cpu_user_seconds_total");
    }
  });

  it("rejects a malformed request with 400 and records nothing", async () => {
    const response = await fetch(`${orderUrl}/v1/skeleton/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "", extra: true }),
    });
    expect(response.status).toBe(400);
  });
});
