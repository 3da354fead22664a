import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { InventoryModule } from "./app.module";
import type { InventoryConfig } from "./config";

export { inventoryConfigSchema, loadInventoryConfig, type InventoryConfig } from "./config";
export { INVENTORY_CONSUMER, INVENTORY_ENTITIES, INVENTORY_MIGRATIONS } from "./app.module";
// The use cases, for benchmarks and system tests that drive them without Kafka or HTTP.
export {
  ReserveStockHandler,
  type ReserveOutcome,
  type ReserveStockOptions,
  type ReserveStockRequest,
} from "./application/reserve-stock.handler";
export { ReleaseStockHandler, type ReleaseStockRequest } from "./application/release-stock.handler";
export { CommitStockHandler, type CommitStockRequest } from "./application/commit-stock.handler";
export { ExpireHoldsHandler } from "./application/expire-holds.handler";
export { SetProductStockHandler, type SetProductStockOptions } from "./application/set-product-stock.handler";
export { ReadCatalogQuery } from "./application/read-catalog.query";
export type { InventoryStore, ProductSpec, ProductView, TakePath } from "./application/inventory-store.port";
export { postgresInventoryStore } from "./adapters/persistence/postgres-inventory-store";

export async function startInventoryService(
  config: InventoryConfig,
  options: Omit<StartOptions, "consumerGroupId"> = {},
) {
  return startService(InventoryModule.forRoot(config), config, {
    ...options,
    consumerGroupId: config.KAFKA_GROUP_ID,
  });
}
