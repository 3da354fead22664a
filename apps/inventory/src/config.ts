import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const inventoryConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("inventory"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  KAFKA_GROUP_ID: z.string().min(1).default("inventory"),
  /**
   * Bucket rows each SKU's available stock is split over when its stock is set:
   * about how many buyers of one SKU can take stock at the same moment.
   */
  STOCK_BUCKETS: z.coerce.number().int().min(1).max(64).default(8),
  /** How often the sweeper looks for holds past their holdUntil, in milliseconds. */
  RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
  /** Holds the sweeper releases per transaction; a full batch is followed by the next at once. */
  RESERVATION_SWEEP_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
});

export type InventoryConfig = z.infer<typeof inventoryConfigSchema>;

export const loadInventoryConfig = (env: NodeJS.ProcessEnv = process.env): InventoryConfig =>
  loadConfig(inventoryConfigSchema, env);
