import { dataSourceOptions } from "@peakshop/platform-nest";
import { testContext } from "@peakshop/testing";
import type { Client } from "pg";
import { DataSource } from "typeorm";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

const ctx = testContext(inject("peakshopInfrastructure"));

/**
 * The services' pg client writes a transaction's BEGIN with its first
 * statement (pipeline mode): transactions must behave exactly as before.
 */
describe("transactions on the pipelining pg client", () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = await ctx.createDatabase(ctx.uniqueName("pgclient"));
    dataSource = new DataSource(
      dataSourceOptions(
        { DATABASE_URL: url, SERVICE_NAME: "pg-client-test" },
        { entities: [], migrations: [] },
      ),
    );
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE items (id int PRIMARY KEY)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const ids = async () =>
    ((await dataSource.query(`SELECT id FROM items ORDER BY id`)) as { id: number }[]).map((row) => row.id);

  it("given a statement sent through the pool, then it is prepared once and planned as a prepared one", async () => {
    const pool = (dataSource.driver as unknown as { master: import("pg").Pool }).master;
    const text = `SELECT id FROM items WHERE id = $1 /* through the pool */`;
    for (let call = 0; call < 3; call++) await pool.query(text, [call]);
    const client = await pool.connect();
    try {
      // Every pooled connection that ran it holds it under the process's name for that text.
      const { rows } = await client.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements`,
      );
      const prepared = rows.filter((row) => row.statement.includes("through the pool"));
      expect(prepared.length).toBeGreaterThan(0);
    } finally {
      client.release();
    }
  });

  it("given a transaction whose last statement fails, then none of its statements commit", async () => {
    const failed = await dataSource
      .transaction(async (manager) => {
        await Promise.all([
          manager.query(`INSERT INTO items VALUES ($1)`, [1]),
          manager.query(`INSERT INTO items VALUES ($1)`, [2]),
        ]);
        await manager.query(`INSERT INTO items VALUES ($1)`, [1]);
      })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ driverError: { code: "23505" } });
    expect(await ids()).toEqual([]);
  });

  it("given a transaction, then its statements commit together", async () => {
    await dataSource.transaction(async (manager) => {
      await Promise.all([10, 11, 12].map((id) => manager.query(`INSERT INTO items VALUES ($1)`, [id])));
    });
    expect(await ids()).toEqual([10, 11, 12]);
  });

  it("given a started transaction, then BEGIN waits for the first statement and goes out with it", async () => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as Client;
    try {
      await runner.startTransaction();
      expect(client.getTransactionStatus()).toBe("I");
      await runner.query(`INSERT INTO items VALUES ($1)`, [20]);
      expect(client.getTransactionStatus()).toBe("T");
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM items WHERE id = 20`)).toEqual([
        { n: 0 },
      ]);
      await runner.rollbackTransaction();
      expect(client.getTransactionStatus()).toBe("I");
    } finally {
      await runner.release();
    }
    expect(await ids()).not.toContain(20);
  });

  it("given statements sent together, then they leave in one write", async () => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as Client;
    const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    const writes = [vi.spyOn(socket, "_write"), vi.spyOn(socket, "_writev")];
    try {
      await runner.startTransaction();
      await Promise.all([21, 22].map((id) => runner.query(`INSERT INTO items VALUES ($1)`, [id])));
      // BEGIN and both statements: one write.
      expect(writes.reduce((sum, spy) => sum + spy.mock.calls.length, 0)).toBe(1);
      await runner.commitTransaction();
    } finally {
      writes.forEach((spy) => spy.mockRestore());
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await ids()).toEqual(expect.arrayContaining([21, 22]));
  });

  it("given a transaction that ends before any statement, then the connection is left outside any transaction", async () => {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as Client;
    try {
      await runner.startTransaction();
      await runner.commitTransaction();
      await runner.query(`INSERT INTO items VALUES ($1)`, [30]);
      expect(client.getTransactionStatus()).toBe("I");
    } finally {
      await runner.release();
    }
    expect(await ids()).toContain(30);
  });

  it("given a connection given back with its BEGIN unsent, then the next borrower's statements are not in a transaction", async () => {
    const abandoned = dataSource.createQueryRunner();
    const client = (await abandoned.connect()) as Client;
    await abandoned.startTransaction();
    await abandoned.release();
    const next = dataSource.createQueryRunner();
    // pg-pool lends the connection given back last.
    expect(await next.connect()).toBe(client);
    try {
      await next.query(`INSERT INTO items VALUES ($1)`, [50]);
      expect(client.getTransactionStatus()).toBe("I");
    } finally {
      await next.release();
    }
    expect(await ids()).toContain(50);
  });

  it("given a nested transaction, then its savepoint rolls back alone", async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO items VALUES ($1)`, [40]);
      await runner.startTransaction();
      await runner.query(`INSERT INTO items VALUES ($1)`, [41]);
      await runner.rollbackTransaction();
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await ids()).toEqual(expect.arrayContaining([40]));
    expect(await ids()).not.toContain(41);
  });
});
