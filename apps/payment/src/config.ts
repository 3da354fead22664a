import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

export const paymentConfigSchema = serviceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("payment"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  KAFKA_GROUP_ID: z.string().min(1).default("payment"),
  /** The bank's payment gateway, e.g. http://127.0.0.1:4000. */
  BANK_URL: z.url(),
  /** A charge that takes longer is treated as possibly made: the next attempt asks first. */
  BANK_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /**
   * The longest the bank may take to process a charge it has received (its
   * documented processing window): an abandoned charge the bank does not find
   * stays in doubt this long after abandonment, then counts as never made.
   */
  BANK_MAX_PROCESSING_MS: z.coerce.number().int().positive().default(60_000),
  /** Requests in flight toward the bank at most, per instance. */
  BANK_MAX_CONCURRENCY: z.coerce.number().int().positive().default(16),
  /** Consecutive bank failures that open the circuit. */
  BANK_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  /** Open-circuit time before a probe request is let through. */
  BANK_BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(2_000),
  /** First retry delay; doubles per failed attempt up to RETRY_MAX_DELAY_MS, with jitter. */
  RETRY_BASE_DELAY_MS: z.coerce.number().int().positive().default(250),
  RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(5_000),
  /**
   * Longest idle pause of the attempts worker. It sleeps until the schedule's
   * next due row and is woken by this process's own scheduling, so this only
   * bounds how late it sees work scheduled elsewhere (another replica's lease
   * running out). At 100 ms it polled ten times a second while idle.
   */
  ATTEMPT_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  /** A claimed attempt not finished within this comes due again (e.g. after a crash). */
  ATTEMPT_LEASE_MS: z.coerce.number().int().positive().default(15_000),
});

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;

export const loadPaymentConfig = (env: NodeJS.ProcessEnv = process.env): PaymentConfig =>
  loadConfig(paymentConfigSchema, env);
