import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { CartModule } from "./app.module";
import type { CartConfig } from "./config";

export { loadCartConfig, type CartConfig } from "./config";
export { CART_ENTITIES, CART_MIGRATIONS } from "./app.module";

/** Starts the cart service; it only publishes to Kafka, so it joins no consumer group. */
export function startCartService(config: CartConfig, options: Omit<StartOptions, "consumerGroupId"> = {}) {
  return startService(CartModule.forRoot(config), config, options);
}
