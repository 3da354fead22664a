import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const orderConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("order"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  KAFKA_GROUP_ID: z.string().min(1).default("order"),
  /** From checkout until payment must be captured; then the order is cancelled and its stock released. */
  PAYMENT_DEADLINE_MS: z.coerce.number().int().positive().default(180_000),
  /** Inventory holds the items this much longer than the deadline, so a last-moment capture can commit. */
  STOCK_HOLD_MARGIN_MS: z.coerce.number().int().nonnegative().default(60_000),
  DEADLINE_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(250),
});

export type OrderConfig = z.infer<typeof orderConfigSchema>;

export const loadOrderConfig = (env: NodeJS.ProcessEnv = process.env): OrderConfig =>
  loadConfig(orderConfigSchema, env);
