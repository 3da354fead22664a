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
  type TakePath,
} from "../src/app";
import { StockBelowCommitments } from "../src/domain/stock-level";
import { bucketsOf, cause, inventoryDatabase, outboxOf, stockAccount } from "./support/inventory-database";
import { postgresInventoryStore } from "../src/adapters/persistence/postgres-inventory-store";

// The use cases against real PostgreSQL, without Kafka: what each one writes,
// and that every item stays available, held or sold.

const ctx = testContext(inject("peakshopInfrastructure"));
const MINUTE = 60_000;

describe("inventory use cases on PostgreSQL", () => {
  let dataSource: DataSource;
  let now = new Date("2026-11-11T00:00:00.000Z");
  const clock = () => now;
  const paths: TakePath[] = [];
  let setStock: SetProductStockHandler;
  let reserve: ReserveStockHandler;
  let release: ReleaseStockHandler;
  let commit: CommitStockHandler;
  let expire: ExpireHoldsHandler;

  beforeAll(async () => {
    dataSource = await inventoryDatabase(ctx, 20);
    setStock = new SetProductStockHandler(dataSource, postgresInventoryStore, { buckets: 8, clock });
    reserve = new ReserveStockHandler(dataSource, postgresInventoryStore, {
      clock,
      onTake: (path) => paths.push(path),
    });
    release = new ReleaseStockHandler(dataSource, postgresInventoryStore, clock);
    commit = new CommitStockHandler(dataSource, postgresInventoryStore, clock);
    expire = new ExpireHoldsHandler(dataSource, postgresInventoryStore, clock);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const product = (sku: string, stock: number) =>
    setStock.execute({ sku, name: `Item ${sku}`, priceCents: 1999, currency: "EUR", stock });
  const hold = (orderId: string, items: { sku: string; quantity: number }[], holdMinutes = 15) =>
    reserve.execute({
      orderId,
      items,
      holdUntil: new Date(now.getTime() + holdMinutes * MINUTE),
      ...cause(),
    });
  const typesOf = async (orderId: string) =>
    (await outboxOf(dataSource, orderId)).map((m) => m.type.split(".")[2]);
  const expectConsistent = async (sku: string) => {
    const account = await stockAccount(dataSource, sku);
    expect(account.negativeBuckets).toBe(0);
    expect(account.available + account.held + account.sold).toBe(account.stock);
  };

  it("holds all lines or none; an unknown SKU counts as none available", async () => {
    await product("A", 10);
    await product("B", 3);
    const rejected = randomUUID();
    expect(
      await hold(rejected, [
        { sku: "A", quantity: 2 },
        { sku: "GHOST", quantity: 1 },
        { sku: "B", quantity: 5 },
      ]),
    ).toBe("rejected");
    expect(await outboxOf(dataSource, rejected)).toEqual([
      {
        type: "peakshop.inventory.stock-rejected",
        data: {
          orderId: rejected,
          unavailable: [
            { sku: "GHOST", requested: 1, available: 0 },
            { sku: "B", requested: 5, available: 3 },
          ],
          rejectedAt: now.toISOString(),
        },
      },
    ]);
    expect((await stockAccount(dataSource, "A")).available).toBe(10);

    const reserved = randomUUID();
    expect(
      await hold(reserved, [
        { sku: "A", quantity: 2 },
        { sku: "B", quantity: 3 },
      ]),
    ).toBe("reserved");
    expect(await stockAccount(dataSource, "A")).toMatchObject({ available: 8, held: 2 });
    expect(await stockAccount(dataSource, "B")).toMatchObject({ available: 0, held: 3 });
    expect(await typesOf(reserved)).toEqual(["stock-reserved"]);

    // The first outcome stands, whatever the stock says now.
    expect(await hold(reserved, [{ sku: "A", quantity: 1 }])).toBe("duplicate");
    expect(await hold(rejected, [{ sku: "A", quantity: 1 }])).toBe("duplicate");
    expect(await typesOf(reserved)).toEqual(["stock-reserved"]);
    expect(await typesOf(rejected)).toEqual(["stock-rejected"]);
    await expectConsistent("A");
    await expectConsistent("B");
  });

  it("gathers a quantity no single bucket holds from several buckets", async () => {
    await product("C", 50);
    expect(await bucketsOf(dataSource, "C")).toEqual([7, 7, 6, 6, 6, 6, 6, 6]);
    paths.length = 0;
    const orderId = randomUUID();
    expect(await hold(orderId, [{ sku: "C", quantity: 20 }])).toBe("reserved");
    expect(paths).toEqual(["gathered"]);
    const buckets = await bucketsOf(dataSource, "C");
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(30);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM reservation_allocations WHERE order_id = $1`,
      [orderId],
    );
    expect(n).toBe(3);
    await expectConsistent("C");
  });

  it("releases a hold once, back into the buckets it came from", async () => {
    await product("D", 8);
    const orderId = randomUUID();
    await hold(orderId, [{ sku: "D", quantity: 3 }]);
    const before = await bucketsOf(dataSource, "D");
    expect(await release.execute({ orderId, reason: "payment-declined", ...cause() })).toBe("released");
    expect(await bucketsOf(dataSource, "D")).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(before).not.toEqual(await bucketsOf(dataSource, "D"));
    expect(await release.execute({ orderId, reason: "payment-declined", ...cause() })).toBe("nothing-held");
    expect(
      await release.execute({ orderId: randomUUID(), reason: "cancelled-by-customer", ...cause() }),
    ).toBe("nothing-held");
    const messages = await outboxOf(dataSource, orderId);
    expect(messages.map((m) => m.type)).toEqual([
      "peakshop.inventory.stock-reserved",
      "peakshop.inventory.stock-released",
    ]);
    expect(messages[1]?.data).toEqual({ orderId, reason: "payment-declined", releasedAt: now.toISOString() });
    await expectConsistent("D");
  });

  it("commits a hold into a sale that never comes back", async () => {
    await product("E", 5);
    const orderId = randomUUID();
    await hold(orderId, [{ sku: "E", quantity: 2 }]);
    expect(await commit.execute({ orderId, ...cause() })).toBe("committed");
    expect(await commit.execute({ orderId, ...cause() })).toBe("already-committed");
    expect(await release.execute({ orderId, reason: "cancelled-by-customer", ...cause() })).toBe(
      "nothing-held",
    );
    expect(await stockAccount(dataSource, "E")).toMatchObject({ stock: 5, available: 3, held: 0, sold: 2 });
    expect(await typesOf(orderId)).toEqual(["stock-reserved", "stock-committed"]);
  });

  it("expires due holds only; a late commit takes the items again while they last, else is refused", async () => {
    await product("F", 3);
    const [due, lost, later, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await hold(due, [{ sku: "F", quantity: 1 }], 1);
    await hold(lost, [{ sku: "F", quantity: 1 }], 1);
    await hold(later, [{ sku: "F", quantity: 1 }], 60);
    now = new Date(now.getTime() + 2 * MINUTE);
    // Other tests' long holds are not due; only these two are.
    expect(await expire.execute(100)).toBe(2);
    expect(await expire.execute(100)).toBe(0);
    expect((await outboxOf(dataSource, due)).at(-1)).toEqual({
      type: "peakshop.inventory.stock-released",
      data: { orderId: due, reason: "hold-expired", releasedAt: now.toISOString() },
    });
    // The item is on sale again, so the paid order gets it back.
    expect(await commit.execute({ orderId: due, ...cause() })).toBe("retaken");
    expect(await typesOf(due)).toEqual(["stock-reserved", "stock-released", "stock-committed"]);
    // The last item goes to someone else before the other late commit arrives.
    expect(await hold(other, [{ sku: "F", quantity: 1 }])).toBe("reserved");
    expect(await commit.execute({ orderId: lost, ...cause() })).toBe("refused");
    expect((await outboxOf(dataSource, lost)).at(-1)).toEqual({
      type: "peakshop.inventory.stock-commit-refused",
      data: {
        orderId: lost,
        reason: "hold-released",
        unavailable: [{ sku: "F", requested: 1, available: 0 }],
        refusedAt: now.toISOString(),
      },
    });
    expect(await commit.execute({ orderId: randomUUID(), ...cause() })).toBe("refused");
    expect(await stockAccount(dataSource, "F")).toMatchObject({ stock: 3, available: 0, held: 2, sold: 1 });
    await expectConsistent("F");
  });

  it("sets the stock on sale, rebalancing buckets, never below what is held and sold", async () => {
    const four = new SetProductStockHandler(dataSource, postgresInventoryStore, { buckets: 4, clock });
    const spec = { sku: "G", name: "Item G", priceCents: 500, currency: "EUR" };
    expect((await four.execute({ ...spec, stock: 20 })).created).toBe(true);
    const sold = randomUUID();
    await hold(sold, [{ sku: "G", quantity: 3 }]);
    await commit.execute({ orderId: sold, ...cause() });
    await hold(randomUUID(), [{ sku: "G", quantity: 4 }]);

    await expect(four.execute({ ...spec, stock: 6 })).rejects.toBeInstanceOf(StockBelowCommitments);
    expect(await stockAccount(dataSource, "G")).toMatchObject({ stock: 20, available: 13 });
    const update = await four.execute({ ...spec, name: "Renamed", stock: 15 });
    expect(update).toEqual({
      created: false,
      product: { sku: "G", name: "Renamed", priceCents: 500, currency: "EUR", available: 8 },
    });
    expect(await bucketsOf(dataSource, "G")).toEqual([2, 2, 2, 2]);
    // From 8 buckets down to 2: the rest are emptied, not dropped (holds may return items there).
    await new SetProductStockHandler(dataSource, postgresInventoryStore, { buckets: 2, clock }).execute({
      ...spec,
      stock: 7,
    });
    expect(await bucketsOf(dataSource, "G")).toEqual([0, 0, 0, 0]);
    await expectConsistent("G");
  });

  it("expires and releases the same holds concurrently without releasing any twice", async () => {
    await product("H", 40);
    const orders = Array.from({ length: 40 }, () => randomUUID());
    for (const orderId of orders) await hold(orderId, [{ sku: "H", quantity: 1 }], 1);
    now = new Date(now.getTime() + 2 * MINUTE);
    const expired = await Promise.all([
      expire.execute(7),
      expire.execute(7),
      expire.execute(7),
      expire.execute(7),
    ]);
    const releases = await Promise.all(
      orders.map((orderId) => release.execute({ orderId, reason: "payment-deadline-passed", ...cause() })),
    );
    const released = releases.filter((outcome) => outcome === "released").length;
    expect(expired.reduce((a, b) => a + b, 0) + released).toBe(40);
    for (const orderId of orders)
      expect(await typesOf(orderId)).toEqual(["stock-reserved", "stock-released"]);
    expect(await stockAccount(dataSource, "H")).toMatchObject({ stock: 40, available: 40, held: 0 });
  });
});
