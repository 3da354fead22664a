import { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PAYMENT_MIGRATIONS } from "../../app.module";
import { PostgresPaymentSchedule } from "./postgres-payment-schedule";

const ctx = testContext(inject("peakshopInfrastructure"));
const MINUTE = 60_000;

describe("the payment schedule in PostgreSQL: when work comes due next", () => {
  let dataSource: DataSource;
  let schedule: PostgresPaymentSchedule;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: "postgres",
      url: await ctx.createDatabase(ctx.uniqueName("payment")),
      migrations: PAYMENT_MIGRATIONS,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    schedule = new PostgresPaymentSchedule(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const put = (paymentId: string, dueAt: Date) => schedule.apply(schedule.put(paymentId, "charge", dueAt));

  it("knows nothing is due when nothing is scheduled", async () => {
    expect(await schedule.nextDueInMs()).toBeUndefined();
  });

  it("gives the earliest row's time, and the lease's end once that row is claimed", async () => {
    // given a retry due in about two minutes and one due in about five
    await put(randomUUID(), new Date(Date.now() + 5 * MINUTE));
    await put(randomUUID(), new Date(Date.now() + 2 * MINUTE));

    // then the sooner one sets the next due time
    const sooner = (await schedule.nextDueInMs())!;
    expect(sooner).toBeGreaterThan(MINUTE);
    expect(sooner).toBeLessThanOrEqual(2 * MINUTE);

    // when a row overdue by a minute is claimed with a one-minute lease
    const overdue = randomUUID();
    await put(overdue, new Date(Date.now() - MINUTE));
    expect(await schedule.nextDueInMs()).toBeLessThan(0);
    expect((await schedule.claimDue(10, MINUTE)).map((work) => work.paymentId)).toEqual([overdue]);

    // then it comes due again when its lease runs out, before the two-minute retry
    const leaseEnd = (await schedule.nextDueInMs())!;
    expect(leaseEnd).toBeGreaterThan(0);
    expect(leaseEnd).toBeLessThanOrEqual(MINUTE);
  });
});
