import { testContext } from "@peakshop/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { writeOnce, type SqlStatement } from "../src/index";
import { eventStoreDatabase } from "./support/event-store-database";

const ctx = testContext(inject("peakshopInfrastructure"));

describe("a consumed message's writes in one statement (writeOnce)", () => {
  let dataSource: DataSource;
  const inboxOf = (messageId: string) => ({ consumer: "greeting", messageId });
  // A greeting and, only when the greeting is new, a line in its log: the
  // second write reads the first one's RETURNING rows by its name.
  const greet = (name: string): SqlStatement[] => [
    {
      name: "greeted",
      text: `INSERT INTO greetings (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name`,
      values: [name],
    },
    { text: `INSERT INTO greeting_log (name, note) SELECT name, $1 FROM greeted`, values: ["first"] },
  ];
  const rowsOf = async (table: string) => dataSource.query(`SELECT * FROM ${table} ORDER BY name`);

  beforeAll(async () => {
    dataSource = await eventStoreDatabase(ctx);
    await dataSource.query(`CREATE TABLE greetings (name text PRIMARY KEY)`);
    await dataSource.query(`CREATE TABLE greeting_log (name text, note text)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it("writes the inbox row and the writes together, and a redelivery writes nothing", async () => {
    expect(await writeOnce(dataSource, inboxOf("m-1"), greet("ada"))).toBe("handled");
    expect(await writeOnce(dataSource, inboxOf("m-1"), greet("grace"))).toBe("duplicate");
    expect(await rowsOf("greetings")).toEqual([{ name: "ada" }]);
    expect(await rowsOf("greeting_log")).toEqual([{ name: "ada", note: "first" }]);
  });

  it("lets a later write see what an earlier one did: a greeting already there logs nothing", async () => {
    expect(await writeOnce(dataSource, inboxOf("m-2"), greet("ada"))).toBe("handled");
    expect(await rowsOf("greeting_log")).toEqual([{ name: "ada", note: "first" }]);
  });

  it("records nothing of a message whose writes fail, so that it can be taken again", async () => {
    const failing = [
      ...greet("linus"),
      { text: `INSERT INTO greetings (name) VALUES ($1)`, values: [null] as unknown[] },
    ];
    await expect(writeOnce(dataSource, inboxOf("m-3"), failing)).rejects.toMatchObject({ code: "23502" });
    expect(await dataSource.query(`SELECT 1 FROM es_inbox WHERE message_id = 'm-3'`)).toEqual([]);
    expect(await writeOnce(dataSource, inboxOf("m-3"), greet("linus"))).toBe("handled");
    expect(await rowsOf("greetings")).toEqual([{ name: "ada" }, { name: "linus" }]);
  });
});
