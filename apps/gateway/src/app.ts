import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { GatewayModule } from "./app.module";
import type { GatewayConfig } from "./config";

export { gatewayConfigSchema, loadGatewayConfig, type GatewayConfig } from "./config";
export { GATEWAY_ENTITIES, GATEWAY_MIGRATIONS } from "./app.module";

export function startGatewayService(config: GatewayConfig, options: StartOptions = {}) {
  return startService(GatewayModule.forRoot(config), config, {
    corsOrigins: config.GATEWAY_CORS_ORIGINS,
    ...options,
  });
}
