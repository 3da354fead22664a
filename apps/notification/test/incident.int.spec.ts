import { testContext, waitFor } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { emailOf, newCustomer } from "./support/customers";
import { events } from "./support/events";
import { startNotificationHarness, type NotificationHarness } from "./support/notification-harness";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("notification service: bank circuit -> public status, incident timeline, and the customers it held up", () => {
  let h: NotificationHarness;

  beforeAll(async () => {
    h = await startNotificationHarness(ctx);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("an open circuit is an outage with one incident; a breaker that flaps stays that incident; once payments stayed up, each delayed customer hears once that payment goes through", async () => {
    const [twoOrders, oneOrder, alreadyConfirmed] = [newCustomer(), newCustomer(), newCustomer()];
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // Held up before the incident, and paid before it began: not the incident's to apologise for.
    const earlier = newCustomer();
    const e = randomUUID();
    await h.publishAndWait(events.retry(e, earlier, 1));
    await h.publishAndWait(events.confirmed(e, earlier));
    // Two payment instances each report the open circuit.
    await h.publishAndWait(events.circuitOpened(), events.circuitOpened());
    let status = (await h.get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "outage", incidents: [{ message: expect.any(String) }] });
    expect(status.incidents).toHaveLength(1);
    const incident = (status.incidents as { id: string; resolvedAt?: string }[])[0]!;
    expect(incident.resolvedAt).toBeUndefined();
    // While it is open, people may post updates to its timeline, but not yet an apology.
    expect(
      (await h.post(`/v1/incidents/${incident.id}/updates`, { kind: "apology", message: "Sorry." })).status,
    ).toBe(409);
    const update = {
      kind: "update",
      message: "Our bank's payment gateway is down; we are in touch with them.",
    };
    expect(await h.post(`/v1/incidents/${incident.id}/updates`, update)).toMatchObject({
      status: 201,
      body: update,
    });

    await h.publishAndWait(
      events.retry(a, twoOrders, 1),
      events.retry(b, twoOrders, 1),
      events.retry(b, twoOrders, 2),
      events.retry(c, oneOrder, 1),
      events.retry(d, alreadyConfirmed, 1),
    );
    await h.publishAndWait(events.confirmed(d, alreadyConfirmed));

    await h.publishAndWait(events.circuitHalfOpened());
    status = (await h.get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "degraded", incidents: [{ id: incident.id }] });

    const recovered = async (customerId: string) =>
      (await h.feedOf(customerId)).filter((item) => item.kind === "payment-recovered");
    // The breaker closes, opens again and closes: one incident, still open, nobody told yet.
    await h.publishAndWait(events.circuitClosed());
    status = (await h.get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "operational", incidents: [{ id: incident.id }] });
    expect((status.incidents as { resolvedAt?: string }[])[0]!.resolvedAt).toBeUndefined();
    await h.publishAndWait(events.circuitOpened());
    status = (await h.get("/v1/status")).body;
    expect(status).toMatchObject({ payments: "outage", incidents: [{ id: incident.id }] });
    expect(status.incidents).toHaveLength(1);
    expect(await recovered(twoOrders)).toEqual([]);

    await h.publishAndWait(events.circuitClosed(), events.circuitClosed());
    await waitFor(
      async () => ((await h.get("/v1/status")).body.incidents as { resolvedAt?: string }[])[0]?.resolvedAt,
      { timeoutMs: 15_000, description: "the incident to end after the quiet period" },
    );
    status = (await h.get("/v1/status")).body;
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
    // The apology goes on the timeline and to every customer the incident held up, once.
    const posted = await h.post(`/v1/incidents/${incident.id}/updates`, apology);
    expect(posted).toMatchObject({ status: 201, body: apology });
    // At least these three: other files' customers held up meanwhile reach this service too (topics are shared).
    expect(posted.body.notifiedCustomers).toBeGreaterThanOrEqual(3);
    expect(await h.post(`/v1/incidents/${incident.id}/updates`, apology)).toMatchObject({
      status: 201,
      body: { notifiedCustomers: 0 },
    });
    expect((await h.post(`/v1/incidents/no-such-incident/updates`, update)).status).toBe(404);
    expect(
      (await h.post(`/v1/incidents/${incident.id}/updates`, { kind: "tweet", message: "x" })).status,
    ).toBe(400);
    status = (await h.get("/v1/status")).body;
    expect(timeline().at(-1)).toMatchObject(apology);

    const [first] = await recovered(twoOrders);
    expect(await recovered(twoOrders)).toHaveLength(1);
    expect(first?.message).toContain("our bank is answering again");
    expect(first?.message).toContain(a.slice(0, 8).toUpperCase());
    expect(first?.message).toContain(b.slice(0, 8).toUpperCase());
    expect(await recovered(oneOrder)).toEqual([expect.objectContaining({ orderId: c })]);
    expect(await recovered(alreadyConfirmed)).toEqual([]);
    await h.allDelivered([first!.id]);
    expect(
      h.smtp.emails.filter(
        (email) => email.to.includes(emailOf(twoOrders)) && email.text.includes("going through now"),
      ),
    ).toHaveLength(1);

    const apologies = async (customerId: string) =>
      (await h.feedOf(customerId)).filter((item) => item.kind === "incident-apology");
    for (const customer of [twoOrders, oneOrder, alreadyConfirmed])
      expect(await apologies(customer)).toEqual([expect.objectContaining({ message: apology.message })]);
    expect(await apologies(earlier)).toEqual([]);
    const [sent] = await apologies(oneOrder);
    await h.allDelivered([sent!.id]);
    expect(
      h.smtp.emails.filter(
        (email) => email.to.includes(emailOf(oneOrder)) && email.text.includes(apology.message),
      ),
    ).toHaveLength(1);
  });
});
