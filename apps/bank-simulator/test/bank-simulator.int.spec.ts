import type { INestApplication } from "@nestjs/common";
import { startPostgres, waitFor, type PostgresEndpoint } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadBankSimulatorConfig, startBankSimulatorService } from "../src/app";
import { bankClient, chargeBody, newKey } from "./bank-client";

// The simulator in-process on a fresh database, spoken to over real HTTP. Its
// fault decisions draw from `draw`, which tests set: 0 makes every fractional
// probability happen, 0.99 almost none.
let draw = 0.99;
let postgres: PostgresEndpoint;
let app: INestApplication;
let bank: ReturnType<typeof bankClient>;

const PROBLEM = "application/problem+json";

beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase(`bank_${randomUUID().replaceAll("-", "").slice(0, 12)}`);
  const config = loadBankSimulatorConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "warn",
    HTTP_HOST: "127.0.0.1",
  });
  app = await startBankSimulatorService(config, { port: 0, random: () => draw });
  bank = bankClient((await app.getUrl()).replace("[::1]", "127.0.0.1"));
});

afterEach(async () => {
  draw = 0.99;
  expect((await bank.faults({})).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await postgres?.stop();
});

describe("bank simulator: charges", () => {
  it("captures tok_ok and shows the charge under its key", async () => {
    const key = newKey();
    const body = chargeBody();
    const created = await bank.charge(key, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "captured",
      amountCents: 1999,
      currency: "EUR",
      idempotencyKey: key,
    });
    expect(created.body).not.toHaveProperty("declineReason");
    const found = await bank.findCharge(key);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(created.body);
  });

  it.each([
    ["tok_declined", "card-declined"],
    ["tok_insufficient", "insufficient-funds"],
    ["tok_stolen", "card-declined"],
  ])("declines %s with %s", async (paymentToken, declineReason) => {
    const created = await bank.charge(newKey(), chargeBody({ paymentToken }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "declined", declineReason });
  });

  it("replays the same key and body; refuses the same key with another body (422)", async () => {
    const key = newKey();
    const body = chargeBody();
    const first = await bank.charge(key, body);
    const again = await bank.charge(key, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await bank.charge(key, { ...body, amountCents: 2000 });
    expect(other.status).toBe(422);
    expect(other.contentType).toContain(PROBLEM);
    expect(other.body).toMatchObject({ type: "urn:peakshop:problem:idempotency-key-reused", status: 422 });
    expect((await bank.ledger(body.reference)).charges).toHaveLength(1);
  });

  it("creates exactly one charge for 20 concurrent requests with one key", async () => {
    const key = newKey();
    const body = chargeBody();
    const answers = await Promise.all(Array.from({ length: 20 }, () => bank.charge(key, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.chargeId)).size).toBe(1);
    expect((await bank.ledger(body.reference)).charges).toHaveLength(1);
  });

  it("answers malformed requests 400 and an unknown key 404, as problem+json", async () => {
    const noKey = await bank.call("POST", "/v1/charges", chargeBody());
    expect(noKey.status).toBe(400);
    expect(noKey.contentType).toContain(PROBLEM);
    expect(noKey.body).toMatchObject({ errors: [{ field: "header.idempotency-key" }] });
    const bad = await bank.charge(newKey(), chargeBody({ amountCents: 0, currency: "EURO", extra: 1 }));
    expect(bad.status).toBe(400);
    const fields = (bad.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["body.amountCents", "body.currency"]));
    expect((await bank.charge("k".repeat(101), chargeBody())).status).toBe(400);
    const longest = "k".repeat(90) + randomUUID().slice(0, 10);
    expect((await bank.charge(longest, chargeBody())).status).toBe(201);
    expect((await bank.findCharge(longest)).status).toBe(200);
    const missing = await bank.findCharge(newKey());
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain(PROBLEM);
  });
});

describe("bank simulator: refunds and ledger", () => {
  async function captured(amountCents = 1000) {
    const body = chargeBody({ amountCents });
    return { ...(await bank.charge(newKey(), body)).body, reference: body.reference };
  }

  it("refunds in parts up to the captured amount, replays, and refuses more (422)", async () => {
    const charge = await captured(1000);
    const key = newKey();
    const first = await bank.refund(key, { chargeId: charge.chargeId, amountCents: 600 });
    expect(first.status).toBe(201);
    expect(first.body.refundId).toEqual(expect.any(String));
    expect((await bank.refund(key, { chargeId: charge.chargeId, amountCents: 600 })).body).toEqual(
      first.body,
    );
    expect((await bank.refund(key, { chargeId: charge.chargeId, amountCents: 500 })).status).toBe(422);
    const over = await bank.refund(newKey(), { chargeId: charge.chargeId, amountCents: 401 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ type: "urn:peakshop:problem:refund-exceeds-captured" });
    expect((await bank.refund(newKey(), { chargeId: charge.chargeId, amountCents: 400 })).status).toBe(201);

    const ledger = await bank.ledger(charge.reference);
    expect(ledger.charges.map((c) => c.chargeId)).toEqual([charge.chargeId]);
    expect(ledger.refunds.reduce((sum, r) => sum + r.amountCents, 0)).toBe(1000);
  });

  it("refuses a declined charge (422) and an unknown one (404)", async () => {
    const declined = (await bank.charge(newKey(), chargeBody({ paymentToken: "tok_declined" }))).body;
    const refused = await bank.refund(newKey(), { chargeId: declined.chargeId, amountCents: 1 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: "urn:peakshop:problem:charge-not-refundable" });
    expect((await bank.refund(newKey(), { chargeId: randomUUID(), amountCents: 1 })).status).toBe(404);
    expect((await bank.refund(newKey(), { chargeId: "not-an-id", amountCents: 1 })).status).toBe(404);
  });

  it("never refunds more than captured under concurrent refunds", async () => {
    const charge = await captured(1000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        bank.refund(newKey(), { chargeId: charge.chargeId, amountCents: 300 }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(7);
    const refunds = (await bank.ledger(charge.reference)).refunds;
    expect(refunds.reduce((sum, r) => sum + r.amountCents, 0)).toBe(900);
  });

  it("lists every charge and refund in the ledger", async () => {
    const charge = await captured(500);
    await bank.refund(newKey(), { chargeId: charge.chargeId, amountCents: 200 });
    const ledger = await bank.ledger();
    expect(ledger.charges.find((c) => c.chargeId === charge.chargeId)).toMatchObject({ status: "captured" });
    expect(ledger.refunds.filter((r) => r.chargeId === charge.chargeId)).toHaveLength(1);
  });
});

describe("bank simulator: faults", () => {
  it("validates settings, answers the full state, and resets with PUT {}", async () => {
    expect((await bank.faults({ errorRate: 1.5 })).status).toBe(400);
    expect((await bank.faults({ capacity: 0 })).status).toBe(400);
    expect((await bank.faults({ latencyMs: -1 })).status).toBe(400);
    const set = await bank.faults({ latencyMs: 5, capacity: 3, declineRate: 0.25 });
    expect(set.body).toMatchObject({
      latencyMs: 5,
      capacity: 3,
      declineRate: 0.25,
      outage: false,
      errorRate: 0,
    });
    expect((await bank.call("GET", "/v1/faults")).body).toEqual(set.body);
    expect((await bank.faults({})).body).toMatchObject({ latencyMs: 0, capacity: null, declineRate: 0 });
  });

  it("errorRate 1: 503 problem+json and nothing committed", async () => {
    await bank.faults({ errorRate: 1 });
    const key = newKey();
    const body = chargeBody();
    const failed = await bank.charge(key, body);
    expect(failed.status).toBe(503);
    expect(failed.contentType).toContain(PROBLEM);
    expect(failed.retryAfter).toBe("1");
    expect((await bank.findCharge(key)).status).toBe(503);
    expect((await bank.ledger(body.reference)).charges).toEqual([]);
  });

  it("outage: charges, refunds and lookups answer 503 and nothing is committed", async () => {
    const charge = (await bank.charge(newKey(), chargeBody())).body;
    await bank.faults({ outage: true });
    const body = chargeBody();
    expect((await bank.charge(newKey(), body)).status).toBe(503);
    expect((await bank.refund(newKey(), { chargeId: charge.chargeId, amountCents: 1 })).status).toBe(503);
    expect((await bank.findCharge(charge.idempotencyKey)).status).toBe(503);
    await bank.faults({});
    expect((await bank.ledger(body.reference)).charges).toEqual([]);
    expect((await bank.ledger(charge.reference)).refunds).toEqual([]);
  });

  it("lostResponseRate 1: the client gets a connection error, yet the charge was made", async () => {
    await bank.faults({ lostResponseRate: 1 });
    const key = newKey();
    const body = chargeBody();
    const lost = await bank.charge(key, body).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(lost).toBeInstanceOf(TypeError); // fetch failed: the socket was reset
    expect((lost as TypeError).cause).toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/),
    });
    await bank.faults({});
    const found = await bank.findCharge(key);
    expect(found.status).toBe(200);
    expect(found.body.status).toBe("captured");
    expect((await bank.ledger(body.reference)).charges).toHaveLength(1);
    expect((await bank.charge(key, body)).body.chargeId).toBe(found.body.chargeId);
  });

  it("declineRate: good cards are declined with card-declined", async () => {
    await bank.faults({ declineRate: 0.5 });
    draw = 0;
    expect((await bank.charge(newKey(), chargeBody())).body).toMatchObject({
      declineReason: "card-declined",
    });
    draw = 0.99;
    expect((await bank.charge(newKey(), chargeBody())).body.status).toBe("captured");
  });

  it("latency: answers after at least latencyMs", async () => {
    await bank.faults({ latencyMs: 300 });
    const started = performance.now();
    const answer = await bank.charge(newKey(), chargeBody());
    expect(answer.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("capacity: past it requests fail fast or stall, as the random source decides", async () => {
    // One slow request holds the only slot; the next ones arrive with 2 in flight (p = 0.5).
    await bank.faults({ capacity: 1, latencyMs: 1_500, overloadStallShare: 0, overloadStallMs: 300 });
    const holder = bank.charge(newKey(), chargeBody());
    await waitFor(
      async () => (await bank.call<{ inFlight: number }>("GET", "/v1/faults")).body.inFlight === 1,
      {
        timeoutMs: 5_000,
        description: "the first request to be in flight",
      },
    );

    draw = 0; // 0 < 0.5: refused
    const refusedBody = chargeBody();
    const refused = await bank.charge(newKey(), refusedBody);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ type: "urn:peakshop:problem:bank-unavailable" });

    await bank.faults({ capacity: 1, latencyMs: 1_500, overloadStallShare: 1, overloadStallMs: 300 });
    const stalledBody = chargeBody();
    const started = performance.now();
    const stalled = await bank.charge(newKey(), stalledBody);
    expect(stalled.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);

    draw = 0.99; // 0.99 >= 0.5: let in despite the overload
    expect((await bank.charge(newKey(), chargeBody())).status).toBe(201);
    expect((await holder).status).toBe(201);
    expect((await bank.ledger(refusedBody.reference)).charges).toEqual([]);
    expect((await bank.ledger(stalledBody.reference)).charges).toEqual([]);

    const metrics = await (
      await fetch(`${(await app.getUrl()).replace("[::1]", "127.0.0.1")}/metrics`)
    ).text();
    const injectedOnce = (fault: string) =>
      new RegExp(`peakshop_bank_simulator_faults_injected_total\\{[^}]*fault="${fault}"[^}]*\\} 1`);
    expect(metrics).toMatch(injectedOnce("overload-unavailable"));
    expect(metrics).toMatch(injectedOnce("overload-stall"));
  });
});

describe("bank simulator: operations", () => {
  it("is ready with its database alone and serves metrics", async () => {
    const ready = await bank.call("GET", "/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ok", info: { database: { status: "up" } } });
    expect(ready.body).not.toHaveProperty("info.kafka");
    expect((await bank.call("GET", "/health/live")).status).toBe(200);
    const metrics = await fetch(`${(await app.getUrl()).replace("[::1]", "127.0.0.1")}/metrics`);
    const text = await metrics.text();
    expect(text).toMatch(/peakshop_bank_simulator_charges_total\{[^}]*outcome="captured"[^}]*\} \d+/);
    expect(text).toContain("process_cpu_user_seconds_total");
  });
});
