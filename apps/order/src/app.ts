import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { OrderModule } from "./app.module";
import type { OrderConfig } from "./config";

export { loadOrderConfig, type OrderConfig } from "./config";
export { ORDER_CONSUMER, ORDER_ENTITIES, ORDER_MIGRATIONS, ORDER_PROJECTIONS } from "./app.module";

export function startOrderService(config: OrderConfig, options: Omit<StartOptions, "consumerGroupId"> = {}) {
  return startService(OrderModule.forRoot(config), config, {
    ...options,
    consumerGroupId: config.KAFKA_GROUP_ID,
  });
}
