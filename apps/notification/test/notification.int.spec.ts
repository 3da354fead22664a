import type { INestApplication } from "@nestjs/common";
import {
  CustomerNotifiedV1,
  fromKafkaRecord,
  type CustomerNotified,
  type KafkaRecord,
} from "@peakshop/contracts";
import { KafkajsAdapter, readTopicToEnd } from "@peakshop/platform-nest";
import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadNotificationConfig, startNotificationService } from "../src/app";
import { emailOf, newCustomer, type FeedItem } from "./support/customers";
import { events } from "./support/events";
import { startSmtpCapture } from "./support/smtp-capture";
import { startWebhookReceiver } from "./support/webhook-receiver";

const ctx = testContext(inject("peakshopInfrastructure"));
const WEBHOOK_SECRET = "test-webhook-secret-0123456789";

describe("notification service: order and payment events -> feed, e-mail, signed webhooks; bank circuit -> status", () => {
  let app: INestApplication;
  let url: string;
  let database: DataSource;
  let kafka: KafkajsAdapter;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let webhooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    webhooks = await startWebhookReceiver(WEBHOOK_SECRET);
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
    });
    app = await startNotificationService(config, { port: 0 });
    url = (await app.getUrl()).replace("[::1]", "127.0.0.1");
    database = await new DataSource({ type: "postgres", url: databaseUrl }).initialize();
    kafka = new KafkajsAdapter({
      brokers: ctx.brokers,
      clientId: "notification-test",
      service: "test",
      logLevel: "warn",
    });
  });

  afterAll(async () => {
    await Promise.allSettled([app?.close(), kafka?.close(), database?.destroy()]);
    await Promise.allSettled([smtp?.close(), webhooks?.close()]);
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

  it("tells the customer each step of an order once, on the feed, by e-mail and by signed webhook", async () => {
    const customerId = newCustomer();
    const orderId = randomUUID();
    await publishAndWait(events.placed(orderId, customerId, 2500));
    // The bank is slow: three attempts fail; only the first delay is news.
    await publishAndWait(events.retry(orderId, customerId, 1, "2099-11-11T00:15:00.000Z"));
    await publishAndWait(events.retry(orderId, customerId, 2), events.retry(orderId, customerId, 3));
    await publishAndWait(events.confirmed(orderId, customerId));

    const short = orderId.slice(0, 8).toUpperCase();
    const feed = await feedOf(customerId);
    expect(feed.map(({ kind, message, orderId: about }) => ({ kind, message, orderId: about }))).toEqual([
      {
        kind: "order-confirmed",
        orderId,
        message: `Good news: your order ${short} is confirmed. Your payment went through and we're getting your items ready.`,
      },
      {
        kind: "payment-delayed",
        orderId,
        message:
          "Your bank is slow to answer right now. We're retrying your payment; your items are held for you until 11 November 2099 at 00:15 UTC.",
      },
      {
        kind: "order-received",
        orderId,
        message: `We received your order ${short} (€25.00). We'll confirm it as soon as your payment goes through.`,
      },
    ]);
    const ids = feed.map((item) => item.id);
    await allDelivered(ids);

    const emails = smtp.emails.filter((email) => email.to.includes(emailOf(customerId)));
    expect(emails).toHaveLength(3);
    expect(emails.map((email) => email.text).sort()).toEqual(feed.map((item) => item.message).sort());
    expect(emails.map((email) => email.subject)).toContain(`We received your order ${short}`);
    for (const email of emails) {
      expect(email.messageId).toBe(`<delivery.${email.deliveryHeader}@peakshop.test>`);
      expect(email.from).toBe("notifications@peakshop.test");
    }

    const hooks = [...webhooks.accepted.values()].filter((hook) => hook.body.customerId === customerId);
    expect(hooks.map((hook) => hook.body.id).sort()).toEqual([...ids, ...ids].sort());
    expect(hooks.find((hook) => hook.body.type === "order-received")?.body).toMatchObject({
      customerId,
      orderId,
      message: feed[2]?.message,
      createdAt: feed[2]?.createdAt,
    });
    expect(webhooks.rejected).toEqual([]);

    const notified = (await readTopicToEnd(ctx.brokers, CustomerNotifiedV1.topic))
      .map((record) => fromKafkaRecord(record.headers, record.value).data as CustomerNotified)
      .filter((data) => data.customerId === customerId);
    const told = notified.map((data) => `${data.kind}/${data.channel}`).sort();
    expect(told).toEqual(
      ["order-received", "payment-delayed", "order-confirmed"]
        .flatMap((kind) => ["in-app", "email", "webhook"].map((channel) => `${kind}/${channel}`))
        .sort(),
    );
    expect(new Set(notified.map((data) => data.notificationId))).toEqual(new Set(ids));
  });

  it("a redelivered or republished event changes nothing", async () => {
    const customerId = newCustomer();
    const orderId = randomUUID();
    const placed = events.placed(orderId, customerId);
    await publishAndWait(placed, placed);
    // The same fact under a new message id gets past the inbox; the dedupe key stops it.
    await publishAndWait({ ...placed, headers: { ...placed.headers, ce_id: randomUUID() } });

    const feed = await feedOf(customerId);
    expect(feed.map((item) => item.kind)).toEqual(["order-received"]);
    await allDelivered(feed.map((item) => item.id));
    const deliveries = (await database.query(
      `SELECT channel FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`,
      [feed[0]?.id],
    )) as { channel: string }[];
    expect(deliveries.map((row) => row.channel)).toEqual(["email", "webhook", "webhook"]);
    expect(smtp.emails.filter((email) => email.to.includes(emailOf(customerId)))).toHaveLength(1);
  });

  it("says why an order was cancelled or rejected", async () => {
    const [late, soldOut] = [newCustomer(), newCustomer()];
    const [lateOrder, soldOutOrder] = [randomUUID(), randomUUID()];
    await publishAndWait(
      events.placed(lateOrder, late),
      events.cancelled(lateOrder, late, "payment-deadline-passed"),
      events.rejected(soldOutOrder, soldOut, ["SKU-MUG", "SKU-TEA"]),
    );
    expect((await feedOf(late))[0]?.message).toBe(
      `Your order ${lateOrder.slice(0, 8).toUpperCase()} was cancelled: we could not complete your payment in time — you have not been charged.`,
    );
    expect((await feedOf(soldOut))[0]?.message).toBe(
      `We could not accept your order ${soldOutOrder.slice(0, 8).toUpperCase()}: some items sold out before we could reserve them: SKU-MUG, SKU-TEA. You have not been charged.`,
    );
  });

  it("pages the feed newest first and refuses a bad query", async () => {
    const customerId = newCustomer();
    const orders = [randomUUID(), randomUUID(), randomUUID()];
    for (const orderId of orders) await publishAndWait(events.placed(orderId, customerId));
    const all = await feedOf(customerId);
    expect(all.map((item) => item.orderId)).toEqual([...orders].reverse());
    const first = await feedOf(customerId, "?limit=2");
    const rest = await feedOf(customerId, `?limit=2&after=${first[1]?.id}`);
    expect([...first, ...rest]).toEqual(all);

    const bad = await get(`/v1/customers/${customerId}/notifications?limit=0&color=blue`);
    expect(bad).toMatchObject({ status: 400, type: "application/problem+json" });
    expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      "limit",
      "query",
    ]);
    const foreign = await get(`/v1/customers/${newCustomer()}/notifications?after=${all[0]?.id}`);
    expect(foreign.status).toBe(400);
  });

  it("an open circuit is an outage with one incident; a breaker that flaps stays that incident; once payments stayed up, each delayed customer hears once that payment goes through", async () => {
    const [twoOrders, oneOrder, alreadyConfirmed] = [newCustomer(), newCustomer(), newCustomer()];
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // Two payment instances each report the open circuit.
    await publishAndWait(events.circuitOpened(), events.circuitOpened());
    let status = (await get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "outage", incidents: [{ message: expect.any(String) }] });
    expect(status.incidents).toHaveLength(1);
    const incident = (status.incidents as { id: string; resolvedAt?: string }[])[0]!;
    expect(incident.resolvedAt).toBeUndefined();
    // While it is open, people may post updates to its timeline, but not yet an apology.
    expect(
      (await post(`/v1/incidents/${incident.id}/updates`, { kind: "apology", message: "Sorry." })).status,
    ).toBe(409);
    const update = {
      kind: "update",
      message: "Our bank's payment gateway is down; we are in touch with them.",
    };
    expect(await post(`/v1/incidents/${incident.id}/updates`, update)).toMatchObject({
      status: 201,
      body: update,
    });

    await publishAndWait(
      events.retry(a, twoOrders, 1),
      events.retry(b, twoOrders, 1),
      events.retry(b, twoOrders, 2),
      events.retry(c, oneOrder, 1),
      events.retry(d, alreadyConfirmed, 1),
    );
    await publishAndWait(events.confirmed(d, alreadyConfirmed));

    await publishAndWait(events.circuitHalfOpened());
    status = (await get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "degraded", incidents: [{ id: incident.id }] });

    const recovered = async (customerId: string) =>
      (await feedOf(customerId)).filter((item) => item.kind === "payment-recovered");
    // The breaker closes, opens again and closes: one incident, still open, nobody told yet.
    await publishAndWait(events.circuitClosed());
    status = (await get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "operational", incidents: [{ id: incident.id }] });
    expect((status.incidents as { resolvedAt?: string }[])[0]!.resolvedAt).toBeUndefined();
    await publishAndWait(events.circuitOpened());
    status = (await get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "outage", incidents: [{ id: incident.id }] });
    expect(status.incidents).toHaveLength(1);
    expect(await recovered(twoOrders)).toEqual([]);

    await publishAndWait(events.circuitClosed(), events.circuitClosed());
    await waitFor(
      async () => ((await get("/v1/status")).body.incidents as { resolvedAt?: string }[])[0]?.resolvedAt,
      { timeoutMs: 15_000, description: "the incident to end after the quiet period" },
    );
    status = (await get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "operational", message: "Payments are working normally." });
    expect(status.incidents).toEqual([
      expect.objectContaining({ id: incident.id, resolvedAt: expect.any(String) }),
    ]);
    expect(Date.parse(status.since as string)).toBeGreaterThanOrEqual(
      Date.parse((status.incidents as { startedAt: string }[])[0]!.startedAt),
    );

    // The timeline, oldest first: the opening, the changes of payments while open, the post, and the end.
    type Line = { kind: string; message: string; at: string };
    const timeline = () => (status.incidents as { updates: Line[] }[])[0]!.updates;
    // The flaps after the post (degraded, operational, outage, operational) read as one line: the latest.
    expect(timeline().map((line) => line.kind)).toEqual(["status", "status", "update", "status", "status"]);
    expect(timeline()[3]!.message).toBe("Payments are working normally.");
    expect(timeline()[2]!.message).toBe(update.message);
    expect(timeline().at(-1)!.message).toMatch(/^Payments recovered/);
    const apology = {
      kind: "apology",
      message: "We are sorry: for 40 minutes your payments waited on our bank.",
    };
    expect((await post(`/v1/incidents/${incident.id}/updates`, apology)).status).toBe(201);
    expect((await post(`/v1/incidents/no-such-incident/updates`, update)).status).toBe(404);
    expect((await post(`/v1/incidents/${incident.id}/updates`, { kind: "tweet", message: "x" })).status).toBe(
      400,
    );
    status = (await get("/v1/status")).body;
    expect(timeline().at(-1)).toMatchObject(apology);

    const [first] = await recovered(twoOrders);
    expect(await recovered(twoOrders)).toHaveLength(1);
    expect(first?.message).toContain("our bank is answering again");
    expect(first?.message).toContain(a.slice(0, 8).toUpperCase());
    expect(first?.message).toContain(b.slice(0, 8).toUpperCase());
    expect(await recovered(oneOrder)).toEqual([expect.objectContaining({ orderId: c })]);
    expect(await recovered(alreadyConfirmed)).toEqual([]);
    await allDelivered([first!.id]);
    expect(
      smtp.emails.filter(
        (email) => email.to.includes(emailOf(twoOrders)) && email.text.includes("going through now"),
      ),
    ).toHaveLength(1);
  });
});
