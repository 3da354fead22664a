import { CustomerNotifiedV1, fromKafkaRecord, type CustomerNotified } from "@peakshop/contracts";
import { readTopicToEnd } from "@peakshop/platform-nest";
import { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { emailOf, newCustomer, type FeedItem } from "./support/customers";
import { events } from "./support/events";
import { startNotificationHarness, type NotificationHarness } from "./support/notification-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("notification service: order and payment events -> feed, e-mail, signed webhooks", () => {
  let h: NotificationHarness;

  beforeAll(async () => {
    // Topics are shared by the run: another file's circuit reports reach this
    // service too, and an incident it ended would tell these customers that
    // payments recovered. Here incidents never end.
    h = await startNotificationHarness(ctx, { INCIDENT_QUIET_MS: String(3_600_000) });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("tells the customer each step of an order once, on the feed, by e-mail and by signed webhook", async () => {
    const customerId = newCustomer();
    const orderId = randomUUID();
    await h.publishAndWait(events.placed(orderId, customerId, 2500));
    // The bank is slow: three attempts fail; only the first delay is news.
    await h.publishAndWait(events.retry(orderId, customerId, 1, "2099-11-11T00:15:00.000Z"));
    await h.publishAndWait(events.retry(orderId, customerId, 2), events.retry(orderId, customerId, 3));
    await h.publishAndWait(events.confirmed(orderId, customerId));

    const short = orderId.slice(0, 8).toUpperCase();
    const feed = await h.feedOf(customerId);
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
    await h.allDelivered(ids);

    const emails = h.smtp.emails.filter((email) => email.to.includes(emailOf(customerId)));
    expect(emails).toHaveLength(3);
    expect(emails.map((email) => email.text).sort()).toEqual(feed.map((item) => item.message).sort());
    expect(emails.map((email) => email.subject)).toContain(`We received your order ${short}`);
    for (const email of emails) {
      expect(email.messageId).toBe(`<delivery.${email.deliveryHeader}@peakshop.test>`);
      expect(email.from).toBe("notifications@peakshop.test");
    }

    const hooks = [...h.webhooks.accepted.values()].filter((hook) => hook.body.customerId === customerId);
    expect(hooks.map((hook) => hook.body.id).sort()).toEqual([...ids, ...ids].sort());
    expect(hooks.find((hook) => hook.body.type === "order-received")?.body).toMatchObject({
      customerId,
      orderId,
      message: feed[2]?.message,
      createdAt: feed[2]?.createdAt,
    });
    expect(h.webhooks.rejected).toEqual([]);

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
    await h.publishAndWait(placed, placed);
    // The same fact under a new message id gets past the inbox; the dedupe key stops it.
    await h.publishAndWait({ ...placed, headers: { ...placed.headers, ce_id: randomUUID() } });

    const feed = await h.feedOf(customerId);
    expect(feed.map((item) => item.kind)).toEqual(["order-received"]);
    await h.allDelivered(feed.map((item) => item.id));
    const deliveries = (await h.database.query(
      `SELECT channel FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`,
      [feed[0]?.id],
    )) as { channel: string }[];
    expect(deliveries.map((row) => row.channel)).toEqual(["email", "webhook", "webhook"]);
    expect(h.smtp.emails.filter((email) => email.to.includes(emailOf(customerId)))).toHaveLength(1);
  });

  it("says why an order was cancelled or rejected", async () => {
    const [late, soldOut] = [newCustomer(), newCustomer()];
    const [lateOrder, soldOutOrder] = [randomUUID(), randomUUID()];
    await h.publishAndWait(
      events.placed(lateOrder, late),
      events.cancelled(lateOrder, late, "payment-deadline-passed"),
      events.rejected(soldOutOrder, soldOut, ["SKU-MUG", "SKU-TEA"]),
    );
    expect((await h.feedOf(late))[0]?.message).toBe(
      `Your order ${lateOrder.slice(0, 8).toUpperCase()} was cancelled: we could not complete your payment in time — you have not been charged.`,
    );
    expect((await h.feedOf(soldOut))[0]?.message).toBe(
      `We could not accept your order ${soldOutOrder.slice(0, 8).toUpperCase()}: some items sold out before we could reserve them: SKU-MUG, SKU-TEA. You have not been charged.`,
    );
  });

  it("pages the feed newest first and refuses a bad query", async () => {
    const customerId = newCustomer();
    const orders = [randomUUID(), randomUUID(), randomUUID()];
    for (const orderId of orders) await h.publishAndWait(events.placed(orderId, customerId));
    const all = await h.feedOf(customerId);
    expect(all.map((item) => item.orderId)).toEqual([...orders].reverse());
    const first = (await h.get(`/v1/customers/${customerId}/notifications?limit=2`)).body;
    expect(first.nextCursor).toBe((first.items as FeedItem[])[1]?.id);
    const rest = (await h.get(`/v1/customers/${customerId}/notifications?limit=2&cursor=${first.nextCursor}`))
      .body;
    expect(rest.nextCursor).toBeNull();
    expect([...(first.items as FeedItem[]), ...(rest.items as FeedItem[])]).toEqual(all);
    // `after`, the first feed's name for the cursor, still pages the same way.
    expect(await h.feedOf(customerId, `?limit=2&after=${first.nextCursor}`)).toEqual(rest.items);

    const bad = await h.get(`/v1/customers/${customerId}/notifications?limit=0&color=blue`);
    expect(bad).toMatchObject({ status: 400, type: "application/problem+json" });
    expect((bad.body.errors as { field: string }[]).map((error) => error.field).sort()).toEqual([
      "query",
      "query.limit",
    ]);
    const foreign = await h.get(`/v1/customers/${newCustomer()}/notifications?after=${all[0]?.id}`);
    expect(foreign.status).toBe(400);
  });
});
