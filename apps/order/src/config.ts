import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const orderConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("order"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Create the service's topics at start (local runs and tests); production creates them with infra jobs. */
  KAFKA_ENSURE_TOPICS: z.stringbool().default(true),
});

export type OrderConfig = z.infer<typeof orderConfigSchema>;

export const loadOrderConfig = (env: NodeJS.ProcessEnv = process.env): OrderConfig =>
  loadConfig(orderConfigSchema, env);
