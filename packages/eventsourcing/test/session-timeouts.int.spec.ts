import { dataSourceOptions } from "@peakshop/platform-nest";
import { testContext } from "@peakshop/testing";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { classifyFailure } from "../src/index";

const ctx = testContext(inject("peakshopInfrastructure"));

/**
 * The services' connections carry statement, lock and idle-in-transaction
 * timeouts (DATABASE_*_TIMEOUT_MS), and what they cancel is classified as
 * infrastructure trouble, which consumers wait out instead of dead-lettering.
 */
describe("database session timeouts", () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = await ctx.createDatabase(ctx.uniqueName("timeouts"));
    dataSource = new DataSource(
      dataSourceOptions(
        {
          DATABASE_URL: url,
          SERVICE_NAME: "timeouts-test",
          DATABASE_STATEMENT_TIMEOUT_MS: 300,
          DATABASE_LOCK_TIMEOUT_MS: 200,
          DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 300,
        },
        { entities: [], migrations: [] },
      ),
    );
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE stock (sku text PRIMARY KEY, available int NOT NULL)`);
    await dataSource.query(`INSERT INTO stock VALUES ('lantern', 5)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it("given a runaway statement, then PostgreSQL cancels it, and the failure is infrastructure", async () => {
    expect(await dataSource.query(`SHOW statement_timeout`)).toEqual([{ statement_timeout: "300ms" }]);
    const error = await dataSource.query(`SELECT pg_sleep(5)`).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "57014" });
    expect(classifyFailure(error)).toBe("infrastructure");
  });

  it("given a row locked by a stuck transaction, then a writer stops waiting, and the failure is infrastructure", async () => {
    const holder = dataSource.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT * FROM stock WHERE sku = 'lantern' FOR UPDATE`);
      const error = await dataSource
        .query(`UPDATE stock SET available = available - 1 WHERE sku = 'lantern'`)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "55P03" });
      expect(classifyFailure(error)).toBe("infrastructure");
    } finally {
      await holder.rollbackTransaction().catch(() => undefined);
      await holder.release();
    }
  });

  it("given a transaction left open by a hung caller, then PostgreSQL ends its session and frees its locks", async () => {
    const hung = dataSource.createQueryRunner();
    await hung.startTransaction();
    await hung.query(`SELECT * FROM stock WHERE sku = 'lantern' FOR UPDATE`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The lock is gone although the hung transaction never ended: another writer gets the row.
    await dataSource.query(`UPDATE stock SET available = available - 1 WHERE sku = 'lantern'`);
    // Its work is gone with its session (TypeORM has released the runner): nothing half-done commits.
    await expect(hung.query(`SELECT 1`)).rejects.toThrow();
    await hung.release();
    expect(await dataSource.query(`SELECT available FROM stock`)).toEqual([{ available: 4 }]);
  });
});
