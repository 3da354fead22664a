import { loadConfig, serviceConfigSchema } from "@peakshop/platform-nest";
import { z } from "zod";

const urlList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ })));

export const notificationConfigSchema = serviceConfigSchema
  .extend({
    SERVICE_NAME: z.string().min(1).default("notification"),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3005),
    KAFKA_GROUP_ID: z.string().min(1).default("notification"),
    /** Mail server, e.g. smtp://127.0.0.1:1025 or smtps://user:pass@mail.example:465; unset: no e-mails. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    EMAIL_FROM: z.string().min(3).default("Peakshop <notifications@peakshop.test>"),
    /**
     * A customer's e-mail address, `{customerId}` replaced by the (sanitised) id. A stand-in:
     * production replaces it with a lookup in the customer-profile service.
     */
    CUSTOMER_EMAIL_TEMPLATE: z
      .string()
      .includes("{customerId}", { message: "must contain {customerId}" })
      .default("{customerId}@customers.peakshop.test"),
    /** Merchant systems that receive every notification as a signed POST (comma-separated http(s) URLs). */
    WEBHOOK_URLS: urlList,
    /**
     * The webhook signing key (Standard Webhooks), required when WEBHOOK_URLS is
     * set: `whsec_<base64>`, or any other string of 16+ characters (its UTF-8 bytes).
     */
    WEBHOOK_SECRET: z
      .string()
      .min(16)
      .refine((secret) => !secret.startsWith("whsec_") || /^whsec_[A-Za-z0-9+/]{22,}={0,2}$/.test(secret), {
        message: "a whsec_ secret must be base64 of at least 16 bytes after the prefix",
      })
      .optional(),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
    /** Attempts per e-mail or webhook delivery before it is marked failed. */
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
    /** First retry delay; doubles per failed attempt up to DELIVERY_MAX_BACKOFF_MS, with jitter. */
    DELIVERY_BACKOFF_MS: z.coerce.number().int().positive().default(1_000),
    DELIVERY_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(300_000),
    /** Deliveries one worker round claims and sends at once. */
    DELIVERY_BATCH_SIZE: z.coerce.number().int().positive().max(500).default(50),
    DELIVERY_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(500),
    /**
     * How long payments must stay up after the bank's breakers close before
     * the incident ends and delayed customers are told their payment goes
     * through: a breaker that flaps stays one incident, with one apology each.
     * Short enough that customers whose orders still wait hear it (those
     * confirmed meanwhile were told that instead), long enough to cover the
     * breaker's half-open probes (BANK_BREAKER_HALF_OPEN_MS, 2 s).
     */
    INCIDENT_QUIET_MS: z.coerce.number().int().positive().default(15_000),
    /** A claimed delivery not settled within this comes due again (the process died mid-send). */
    DELIVERY_LEASE_MS: z.coerce.number().int().positive().default(60_000),
  })
  .superRefine((config, issues) => {
    if (config.WEBHOOK_URLS.length > 0 && !config.WEBHOOK_SECRET) {
      issues.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "required when WEBHOOK_URLS is set",
      });
    }
    if (config.DELIVERY_LEASE_MS <= config.WEBHOOK_TIMEOUT_MS) {
      issues.addIssue({
        code: "custom",
        path: ["DELIVERY_LEASE_MS"],
        message: "must exceed WEBHOOK_TIMEOUT_MS",
      });
    }
  });

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;

export const loadNotificationConfig = (env: NodeJS.ProcessEnv = process.env): NotificationConfig =>
  loadConfig(notificationConfigSchema, env);
