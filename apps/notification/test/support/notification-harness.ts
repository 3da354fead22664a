import type { INestApplication } from "@nestjs/common";
import type { KafkaRecord } from "@peakshop/contracts";
import { KafkajsAdapter } from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import { DataSource } from "typeorm";
import { loadNotificationConfig, startNotificationService } from "../../src/app";
import type { FeedItem } from "./customers";
import { startSmtpCapture } from "./smtp-capture";
import { startWebhookReceiver } from "./webhook-receiver";

export const WEBHOOK_SECRET = "test-webhook-secret-0123456789";

/**
 * A notification service on the run's real Kafka and PostgreSQL, with an SMTP
 * capture and a webhook receiver behind it, and the helpers its tests share.
 */
export async function startNotificationHarness(
  ctx: ReturnType<typeof testContext>,
  overrides: Record<string, string> = {},
) {
  const smtp = await startSmtpCapture();
  const webhooks = await startWebhookReceiver(WEBHOOK_SECRET);
  const databaseUrl = await ctx.createDatabase(ctx.uniqueName("notification"));
  const config = loadNotificationConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: ctx.brokers.join(","),
    KAFKA_GROUP_ID: ctx.uniqueName("notification"),
    HTTP_HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    SMTP_URL: smtp.url,
    // Two endpoints (one receiver): each gets every notification, told once per channel all the same.
    WEBHOOK_URLS: `${webhooks.url},${webhooks.url}?copy=2`,
    WEBHOOK_SECRET,
    DELIVERY_POLL_INTERVAL_MS: "100",
    DELIVERY_BACKOFF_MS: "100",
    INCIDENT_QUIET_MS: "1500",
    ...overrides,
  });
  const app: INestApplication = await startNotificationService(config, { port: 0 });
  const url = (await app.getUrl()).replace("[::1]", "127.0.0.1");
  const database = await new DataSource({ type: "postgres", url: databaseUrl }).initialize();
  const kafka = new KafkajsAdapter({
    brokers: ctx.brokers,
    clientId: "notification-test",
    service: "test",
    logLevel: "warn",
  });

  /** Publishes the records and waits until the service has handled every one (its inbox holds their ids). */
  async function publishAndWait(...records: KafkaRecord[]): Promise<void> {
    await kafka.publish([...records]);
    const ids = [...new Set(records.map((record) => record.headers["ce_id"]))];
    await waitFor(
      async () => {
        const rows: unknown[] = await database.query(
          `SELECT 1 FROM es_inbox WHERE consumer = 'notification' AND message_id = ANY($1)`,
          [ids],
        );
        return rows.length === ids.length;
      },
      { timeoutMs: 60_000, description: `the service to handle ${ids.length} event(s)` },
    );
  }

  async function get(path: string) {
    const response = await fetch(`${url}${path}`);
    return {
      status: response.status,
      type: response.headers.get("content-type")?.split(";")[0],
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  async function post(path: string, body: unknown) {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const feedOf = async (customerId: string, query = "") =>
    (await get(`/v1/customers/${customerId}/notifications${query}`)).body.items as FeedItem[];

  /** Waits until every e-mail and webhook of these notifications is delivered and its CustomerNotified published. */
  async function allDelivered(notificationIds: string[]): Promise<void> {
    await waitFor(
      async () => {
        const [row] = (await database.query(
          `SELECT count(*) FILTER (WHERE status <> 'delivered')::int AS open,
                  (SELECT count(*)::int FROM es_outbox) AS outbox
             FROM notification_deliveries WHERE notification_id = ANY($1)`,
          [notificationIds],
        )) as { open: number; outbox: number }[];
        return row?.open === 0 && row.outbox === 0;
      },
      { timeoutMs: 60_000, description: "every delivery to be made and published" },
    );
  }

  async function close(): Promise<void> {
    await Promise.allSettled([app.close(), kafka.close(), database.destroy()]);
    await Promise.allSettled([smtp.close(), webhooks.close()]);
  }

  return { smtp, webhooks, database, publishAndWait, get, post, feedOf, allDelivered, close };
}

export type NotificationHarness = Awaited<ReturnType<typeof startNotificationHarness>>;
