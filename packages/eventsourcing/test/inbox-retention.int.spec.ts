import { testContext } from "@peakshop/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { handleOnce, purgeInbox } from "../src/index";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("inbox retention", () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const handled = async (consumer: string, messageId: string, ageHours: number) => {
    await handleOnce(dataSource, consumer, messageId, async () => undefined);
    await dataSource.query(
      `UPDATE es_inbox SET handled_at = now() - ($3::int * interval '1 hour') WHERE consumer = $1 AND message_id = $2`,
      [consumer, messageId, ageHours],
    );
  };
  const ids = async () =>
    (
      (await dataSource.query(`SELECT message_id FROM es_inbox ORDER BY message_id`)) as {
        message_id: string;
      }[]
    ).map((row) => row.message_id);

  it("deletes records handled before the cutoff, oldest first and a bounded number at a time, and keeps the rest", async () => {
    for (let i = 0; i < 5; i++) await handled("order", `old-${i}`, 200 + i);
    await handled("order", "recent", 1);
    await handled("payment", "old-payment", 300);

    const cutoff = new Date(Date.now() - 168 * 3_600_000);
    expect(await purgeInbox(dataSource, cutoff, 3)).toBe(3);
    // The three oldest went first: old-payment (300 h), old-4 (204 h), old-3 (203 h).
    expect(await ids()).toEqual(["old-0", "old-1", "old-2", "recent"]);
    expect(await purgeInbox(dataSource, cutoff, 3)).toBe(3);
    expect(await purgeInbox(dataSource, cutoff, 3)).toBe(0);
    expect(await ids()).toEqual(["recent"]);
  });

  it("still answers a redelivery within the retention as a duplicate", async () => {
    await handled("order", "kept", 2);
    await purgeInbox(dataSource, new Date(Date.now() - 168 * 3_600_000), 100);
    expect(await handleOnce(dataSource, "order", "kept", async () => undefined)).toBe("duplicate");
  });
});
