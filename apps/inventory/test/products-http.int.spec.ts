import { testContext } from "@peakshop/testing";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CommitStockHandler, INVENTORY_MIGRATIONS, ReserveStockHandler } from "../src/app";
import { cause } from "./support/inventory-database";
import {
  inventoryConfig,
  putProduct,
  startInventory,
  type RunningInventory,
} from "./support/inventory-service";
import { postgresInventoryStore } from "../src/adapters/persistence/postgres-inventory-store";

// The internal catalog API of the running service; holds are taken through
// the use cases on the service's own database.

const ctx = testContext(inject("peakshopInfrastructure"));
const PROBLEM = "application/problem+json";

describe("inventory service: catalog HTTP API", () => {
  let service: RunningInventory;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = await inventoryConfig(ctx, { STOCK_BUCKETS: "4" });
    service = await startInventory(config);
    dataSource = new DataSource({
      type: "postgres",
      url: config.DATABASE_URL,
      migrations: INVENTORY_MIGRATIONS,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await Promise.allSettled([service?.app.close(), dataSource?.destroy()]);
  });

  const get = (path: string) => fetch(`${service.url}${path}`);
  const lamp = { name: "Desk lamp", priceCents: 2499, currency: "EUR", stock: 12 };

  it("creates a product (201), updates it (200), and lists it with what is available", async () => {
    const created = await putProduct(service.url, "LAMP-1", lamp);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      sku: "LAMP-1",
      name: "Desk lamp",
      priceCents: 2499,
      currency: "EUR",
      available: 12,
    });

    const updated = await putProduct(service.url, "LAMP-1", { ...lamp, priceCents: 1999, stock: 20 });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ priceCents: 1999, available: 20 });

    await putProduct(service.url, "CABLE-2", {
      name: "USB cable",
      priceCents: 500,
      currency: "EUR",
      stock: 0,
    });
    const list = await get("/v1/products");
    expect(list.status).toBe(200);
    const cable = { sku: "CABLE-2", name: "USB cable", priceCents: 500, currency: "EUR", available: 0 };
    const listedLamp = { sku: "LAMP-1", name: "Desk lamp", priceCents: 1999, currency: "EUR", available: 20 };
    expect(await list.json()).toEqual({ items: [cable, listedLamp], nextCursor: null });
    // A page at a time, in SKU order: nextCursor leads on, null on the last page.
    const first = await (await get("/v1/products?limit=1")).json();
    expect(first).toEqual({ items: [cable], nextCursor: "CABLE-2" });
    expect(await (await get("/v1/products?limit=1&cursor=CABLE-2")).json()).toEqual({
      items: [listedLamp],
      nextCursor: null,
    });
    expect((await get("/v1/products?limit=0")).status).toBe(400);
    expect(await (await get("/v1/products/LAMP-1")).json()).toMatchObject({ sku: "LAMP-1", available: 20 });
  });

  it("answers an unknown SKU with 404 problem+json", async () => {
    const response = await get("/v1/products/NOPE");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain(PROBLEM);
    expect(await response.json()).toMatchObject({
      type: "urn:peakshop:problem:unknown-product",
      status: 404,
    });
  });

  it("rejects invalid products with 400 problem+json naming each field, and changes nothing", async () => {
    const response = await putProduct(service.url, "LAMP-1", {
      name: "",
      priceCents: 10.5,
      currency: "eur",
      stock: -1,
      colour: "red",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain(PROBLEM);
    const problem = (await response.json()) as { type: string; errors: { field: string }[] };
    expect(problem.type).toBe("urn:peakshop:problem:invalid-request");
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      "body",
      "body.currency",
      "body.name",
      "body.priceCents",
      "body.stock",
    ]);

    const malformed = await putProduct(service.url, "LAMP-1", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toContain(PROBLEM);
    const tooLong = await putProduct(service.url, "X".repeat(65), lamp);
    expect(tooLong.status).toBe(400);
    expect(await (await get("/v1/products/LAMP-1")).json()).toMatchObject({
      priceCents: 1999,
      available: 20,
    });
  });

  it("refuses with 409 to set the stock below what is held and sold, and accepts it at that level", async () => {
    await putProduct(service.url, "MUG-3", { name: "Mug", priceCents: 800, currency: "EUR", stock: 10 });
    const reserve = new ReserveStockHandler(dataSource, postgresInventoryStore);
    const sold = randomUUID();
    const holdUntil = new Date(Date.now() + 15 * 60_000);
    await reserve.execute({ orderId: sold, items: [{ sku: "MUG-3", quantity: 4 }], holdUntil, ...cause() });
    await new CommitStockHandler(dataSource, postgresInventoryStore).execute({ orderId: sold, ...cause() });
    await reserve.execute({
      orderId: randomUUID(),
      items: [{ sku: "MUG-3", quantity: 3 }],
      holdUntil,
      ...cause(),
    });
    expect(await (await get("/v1/products/MUG-3")).json()).toMatchObject({ available: 3 });

    const refused = await putProduct(service.url, "MUG-3", {
      name: "Mug",
      priceCents: 800,
      currency: "EUR",
      stock: 6,
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toContain(PROBLEM);
    expect(await refused.json()).toMatchObject({
      type: "urn:peakshop:problem:stock-below-commitments",
      status: 409,
      held: 3,
      sold: 4,
    });
    expect(await (await get("/v1/products/MUG-3")).json()).toMatchObject({ available: 3 });

    const accepted = await putProduct(service.url, "MUG-3", {
      name: "Mug",
      priceCents: 800,
      currency: "EUR",
      stock: 7,
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ available: 0 });
  });

  it("serves health and metrics", async () => {
    expect((await get("/health/ready")).status).toBe(200);
    expect(await (await get("/metrics")).text()).toContain("process_cpu_user_seconds_total");
  });
});
