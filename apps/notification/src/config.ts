import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const notificationConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("notification"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3005),
  KAFKA_GROUP_ID: z.string().min(1).default("notification"),
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;

export const loadNotificationConfig = (env: NodeJS.ProcessEnv = process.env): NotificationConfig =>
  loadConfig(notificationConfigSchema, env);
