import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { NotificationModule } from "./app.module";
import type { NotificationConfig } from "./config";

export { loadNotificationConfig, type NotificationConfig } from "./config";
export {
  NOTIFICATION_CONSUMER,
  NOTIFICATION_ENTITIES,
  NOTIFICATION_MIGRATIONS,
  NOTIFICATION_TOPICS,
} from "./app.module";

export function startNotificationService(
  config: NotificationConfig,
  options: Omit<StartOptions, "consumerGroupId"> = {},
) {
  return startService(NotificationModule.forRoot(config), config, {
    ...options,
    consumerGroupId: config.KAFKA_GROUP_ID,
  });
}
