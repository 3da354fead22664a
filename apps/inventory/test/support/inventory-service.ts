import type { INestApplication } from "@nestjs/common";
import type { testContext } from "@peakshop/testing";
import { loadInventoryConfig, startInventoryService, type InventoryConfig } from "../../src/app";

type TestContext = ReturnType<typeof testContext>;

export interface RunningInventory {
  app: INestApplication;
  url: string;
  config: InventoryConfig;
}

/** Settings for an in-process inventory service on a fresh database and its own consumer group. */
export async function inventoryConfig(ctx: TestContext, overrides: Record<string, string> = {}) {
  return loadInventoryConfig({
    DATABASE_URL: await ctx.createDatabase(ctx.uniqueName("inventory")),
    KAFKA_BROKERS: ctx.brokers.join(","),
    KAFKA_GROUP_ID: ctx.uniqueName("inventory"),
    LOG_LEVEL: "warn",
    HTTP_HOST: "127.0.0.1",
    ...overrides,
  });
}

/** Starts the service in this process on a free port, as system tests do. */
export async function startInventory(config: InventoryConfig): Promise<RunningInventory> {
  const app = await startInventoryService(config, { port: 0 });
  const url = (await app.getUrl()).replace("[::1]", "127.0.0.1");
  return { app, url, config };
}

export async function putProduct(url: string, sku: string, body: unknown): Promise<Response> {
  return fetch(`${url}/v1/admin/products/${encodeURIComponent(sku)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
