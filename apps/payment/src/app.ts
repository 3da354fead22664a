import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { PaymentModule } from "./app.module";
import type { PaymentConfig } from "./config";

export { loadPaymentConfig, type PaymentConfig } from "./config";

export function startPaymentService(
  config: PaymentConfig,
  options: Omit<StartOptions, "consumerGroupId"> = {},
) {
  return startService(PaymentModule.forRoot(config), config, {
    ...options,
    consumerGroupId: config.KAFKA_GROUP_ID,
  });
}
