import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const notificationConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("notification"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3005),
  KAFKA_GROUP_ID: z.string().min(1).default("notification"),
  /** Create the service's topics at start (local runs and tests); production creates them with infra jobs. */
  KAFKA_ENSURE_TOPICS: z.stringbool().default(true),
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;

export const loadNotificationConfig = (env: NodeJS.ProcessEnv = process.env): NotificationConfig =>
  loadConfig(notificationConfigSchema, env);
