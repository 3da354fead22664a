import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const cartConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("cart"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** Base URL of the inventory service, which prices products, e.g. http://127.0.0.1:3003. */
  INVENTORY_URL: z.url({ protocol: /^https?$/ }),
  /** How long one product lookup may take before the request fails with 503, in milliseconds. */
  INVENTORY_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /**
   * How long a product read from the inventory service is reused, in
   * milliseconds: a price change reaches carts and checkouts after at most
   * this. 0 asks the inventory service every time.
   */
  CATALOG_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(1_000),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;

export const loadCartConfig = (env: NodeJS.ProcessEnv = process.env): CartConfig =>
  loadConfig(cartConfigSchema, env);
