import type { INestApplication } from "@nestjs/common";
import { SkeletonEventRecordedV1, type SkeletonEventRecorded } from "@peakshop/contracts";
import { loadNotificationConfig, startNotificationService } from "@peakshop/notification/app";
import { loadOrderConfig, startOrderService } from "@peakshop/order/app";
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

  beforeAll(async () => {
    orderDb = await ctx.createDatabase(ctx.uniqueName("order"));
    notificationDb = await ctx.createDatabase(ctx.uniqueName("notification"));
    const common = { KAFKA_BROKERS: ctx.brokers.join(","), LOG_LEVEL: "warn", HTTP_HOST: "127.0.0.1" };
    order = await startOrderService(loadOrderConfig({ ...common, DATABASE_URL: orderDb }), { port: 0 });
    notification = await startNotificationService(
      loadNotificationConfig({
        ...common,
        DATABASE_URL: notificationDb,
        KAFKA_GROUP_ID: ctx.uniqueName("notification"),
      }),
      { port: 0 },
    );
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

  it("stores the event, publishes it, and the consumer records it in its own database", async () => {
    const event = await recordEvent("hello from order");

    const stored = await queryRows<{ published_at: Date | null }>(
      orderDb,
      "SELECT published_at FROM skeleton_events WHERE event_id = $1",
      [event.eventId],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.published_at).toBeInstanceOf(Date);

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
        { topic: SkeletonEventRecordedV1.topic, key: event.eventId, value: JSON.stringify(event) },
        { topic: SkeletonEventRecordedV1.topic, key: event.eventId, value: JSON.stringify(marker) },
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
