import { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  CommitStockHandler,
  ExpireHoldsHandler,
  ReleaseStockHandler,
  ReserveStockHandler,
  SetProductStockHandler,
  type ReserveOutcome,
  type TakePath,
} from "../src/app";
import { bucketsOf, cause, inventoryDatabase, outboxOf, stockAccount } from "./support/inventory-database";
import { postgresInventoryStore } from "../src/adapters/persistence/postgres-inventory-store";

// Hundreds of buyers on one SKU at the same instant, through the reservation
// use case on real PostgreSQL. Correctness is asserted; speed is only printed
// (for the benchmark report), never asserted.

const ctx = testContext(inject("peakshopInfrastructure"));
const BUYERS = 300;
const STOCK = 50;
const POOL_SIZE = 16;
const SKU = "HOT-PHONE";

interface Run {
  outcomes: ReserveOutcome[];
  paths: Record<TakePath, number>;
  elapsedMs: number;
  dataSource: DataSource;
  orderIds: string[];
}

const dataSources: DataSource[] = [];
afterAll(async () => {
  await Promise.allSettled(dataSources.map((dataSource) => dataSource.destroy()));
});

/** Every buyer reserves one item at once, each in its own transaction. */
async function rush(buckets: number, stock: number): Promise<Run> {
  const dataSource = await inventoryDatabase(ctx, POOL_SIZE);
  dataSources.push(dataSource);
  await new SetProductStockHandler(dataSource, postgresInventoryStore, { buckets }).execute({
    sku: SKU,
    name: "Festival phone",
    priceCents: 99_900,
    currency: "CNY",
    stock,
  });
  const paths: Record<TakePath, number> = { free: 0, queued: 0, gathered: 0, short: 0 };
  const reserve = new ReserveStockHandler(dataSource, postgresInventoryStore, {
    onTake: (path) => paths[path]++,
  });
  const holdUntil = new Date(Date.now() + 15 * 60_000);
  const orderIds = Array.from({ length: BUYERS }, () => randomUUID());
  // Warm the pool so connection setup is not measured.
  await Promise.all(Array.from({ length: POOL_SIZE }, () => dataSource.query("SELECT 1")));
  const started = performance.now();
  const outcomes = await Promise.all(
    orderIds.map((orderId) =>
      reserve.execute({
        orderId,
        items: [{ sku: SKU, quantity: 1 }],
        holdUntil,
        correlationId: orderId,
        causationId: randomUUID(),
      }),
    ),
  );
  return { outcomes, paths, elapsedMs: performance.now() - started, dataSource, orderIds };
}

const count = (outcomes: ReserveOutcome[], outcome: ReserveOutcome) =>
  outcomes.filter((o) => o === outcome).length;

function report(label: string, buckets: number, run: Run): string {
  const rate = Math.round((BUYERS / run.elapsedMs) * 1000);
  const { free, queued, gathered, short } = run.paths;
  return `${label.padEnd(28)} buckets=${String(buckets).padEnd(2)} ${String(rate).padStart(6)} reservations/s (${Math.round(run.elapsedMs)} ms; paths free=${free} queued=${queued} gathered=${gathered} short=${short})`;
}

describe(`hot SKU: ${BUYERS} buyers at once`, () => {
  // An untimed first rush, so JIT and server caches do not favour the later runs.
  beforeAll(async () => {
    await rush(8, BUYERS);
  });

  it.each([8, 1])(
    `${STOCK} items over %i bucket(s): exactly ${STOCK} reserved, the rest rejected, none oversold`,
    async (buckets) => {
      const run = await rush(buckets, STOCK);
      expect(count(run.outcomes, "reserved")).toBe(STOCK);
      expect(count(run.outcomes, "rejected")).toBe(BUYERS - STOCK);

      const account = await stockAccount(run.dataSource, SKU);
      expect(account).toEqual({ stock: STOCK, available: 0, held: STOCK, sold: 0, negativeBuckets: 0 });
      expect((await bucketsOf(run.dataSource, SKU)).every((available) => available === 0)).toBe(true);
      // One answer per buyer; a rejected buyer came after the last item went, so saw none.
      const answers = await Promise.all(run.orderIds.map((orderId) => outboxOf(run.dataSource, orderId)));
      expect(answers.every((messages) => messages.length === 1)).toBe(true);
      const rejections = answers
        .flat()
        .filter((message) => message.type === "peakshop.inventory.stock-rejected");
      expect(rejections).toHaveLength(BUYERS - STOCK);
      for (const { data } of rejections) {
        expect(data).toMatchObject({ unavailable: [{ sku: SKU, requested: 1, available: 0 }] });
      }
      console.log(report("sell-out (50 items)", buckets, run));
    },
  );

  it.each([8, 1])(
    `${BUYERS} items over %i bucket(s): every buyer served (reservation rate)`,
    async (buckets) => {
      const run = await rush(buckets, BUYERS);
      expect(count(run.outcomes, "reserved")).toBe(BUYERS);
      expect(await stockAccount(run.dataSource, SKU)).toMatchObject({
        available: 0,
        held: BUYERS,
        negativeBuckets: 0,
      });
      console.log(report(`enough for all (${BUYERS} items)`, buckets, run));
    },
  );

  it("mixed traffic on two hot SKUs (multi-item, multi-SKU, commits, releases, expiry, restock) loses and oversells nothing", async () => {
    const dataSource = await inventoryDatabase(ctx, POOL_SIZE);
    dataSources.push(dataSource);
    const setStock = new SetProductStockHandler(dataSource, postgresInventoryStore, { buckets: 8 });
    const spec = (sku: string, stock: number) => ({
      sku,
      name: sku,
      priceCents: 100,
      currency: "EUR",
      stock,
    });
    await setStock.execute(spec("HOT-A", 120));
    await setStock.execute(spec("HOT-B", 60));
    const reserve = new ReserveStockHandler(dataSource, postgresInventoryStore);
    const commit = new CommitStockHandler(dataSource, postgresInventoryStore);
    const release = new ReleaseStockHandler(dataSource, postgresInventoryStore);
    const expire = new ExpireHoldsHandler(dataSource, postgresInventoryStore);
    // Deterministic variety: order i decides its lines and fate from i.
    const buyer = async (i: number) => {
      const orderId = randomUUID();
      const items = [{ sku: "HOT-A", quantity: 1 + (i % 3) }];
      if (i % 2 === 0) items.push({ sku: "HOT-B", quantity: 1 + (i % 4) });
      const holdUntil = new Date(Date.now() + (i % 5 === 0 ? -1_000 : 15 * 60_000));
      const outcome = await reserve.execute({ orderId, items, holdUntil, ...cause() });
      if (outcome === "reserved" && i % 3 === 0) await commit.execute({ orderId, ...cause() });
      if (outcome === "reserved" && i % 3 === 1)
        await release.execute({ orderId, reason: "payment-declined", ...cause() });
      return orderId;
    };
    let sweeping = true;
    const sweeper = (async () => {
      while (sweeping) await expire.execute(20);
    })();
    const orderIds = await Promise.all([
      ...Array.from({ length: 200 }, (_, i) => buyer(i)),
      setStock.execute(spec("HOT-A", 150)).then(() => undefined),
    ]);
    sweeping = false;
    await sweeper;
    while ((await expire.execute(100)) > 0);

    for (const sku of ["HOT-A", "HOT-B"]) {
      const account = await stockAccount(dataSource, sku);
      expect(account.negativeBuckets).toBe(0);
      expect(account.available + account.held + account.sold).toBe(account.stock);
      expect(account.sold).toBeLessThanOrEqual(account.stock);
    }
    const allowed = new Set([
      "stock-rejected",
      "stock-reserved",
      "stock-reserved,stock-committed",
      "stock-reserved,stock-released",
      // A commit that came after the sweeper: the items taken again, or refused when gone.
      "stock-reserved,stock-released,stock-committed",
      "stock-reserved,stock-released,stock-commit-refused",
    ]);
    for (const orderId of orderIds.flatMap((id) => (id ? [id] : []))) {
      const types = (await outboxOf(dataSource, orderId))
        .map((message) => message.type.split(".")[2])
        .join(",");
      expect(allowed).toContain(types);
    }
  });
});
