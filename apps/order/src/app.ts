import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { OrderModule } from "./app.module";
import type { OrderConfig } from "./config";

export { loadOrderConfig, type OrderConfig } from "./config";

export function startOrderService(config: OrderConfig, options: StartOptions = {}) {
  return startService(OrderModule.forRoot(config), config, options);
}
