import { httpServiceConfigSchema, loadConfig } from "@peakshop/platform-nest";
import { z } from "zod";

const serviceUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ""));

/**
 * The platform's settings less Kafka's (the gateway speaks HTTP only; its own
 * database holds idempotency keys), the services behind it, and how tokens are
 * verified.
 */
export const gatewayConfigSchema = httpServiceConfigSchema
  .extend({
    SERVICE_NAME: z.string().min(1).default("gateway"),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    INVENTORY_URL: serviceUrl,
    CART_URL: serviceUrl,
    ORDER_URL: serviceUrl,
    NOTIFICATION_URL: serviceUrl,
    /** Only the admin API calls payment (the bank circuit and dead letters on the operator console). */
    PAYMENT_URL: serviceUrl,
    /** How long one call to a service may take before the gateway answers 503. */
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
    /** dev: HS256 tokens signed with AUTH_DEV_SECRET (and POST /v1/auth/dev-token); jwks: an identity provider's. */
    AUTH_MODE: z.enum(["dev", "jwks"]).default("dev"),
    AUTH_DEV_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Lifetime of dev tokens, in seconds: short, so a leaked one is of little use. */
    AUTH_DEV_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().max(86_400).default(900),
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    /** Requests processed at once at most; past the limit the gateway answers 503 at once (health, metrics and status exempt). */
    GATEWAY_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(512),
    /**
     * adaptive: the limit follows latency between GATEWAY_MIN_IN_FLIGHT and
     * GATEWAY_MAX_IN_FLIGHT, shrinking when answers slow down (a gradient
     * concurrency limit); static: always GATEWAY_MAX_IN_FLIGHT.
     */
    GATEWAY_ADMISSION: z.enum(["adaptive", "static"]).default("adaptive"),
    /** The adaptive limit's floor (at most GATEWAY_MAX_IN_FLIGHT): requests it always admits at once, however slow answers get. */
    GATEWAY_MIN_IN_FLIGHT: z.coerce.number().int().positive().default(8),
    /** How much slower than usual answers may get before the adaptive limit shrinks (1.5: 50% slower). */
    GATEWAY_ADMISSION_TOLERANCE: z.coerce.number().min(1).max(10).default(1.5),
    /**
     * Checkouts are refused (503) once the saga is this far behind on work the
     * bank has no part in (order's /v1/saga/backlog): some at this backlog, all
     * at twice it. 0 turns it off. Bank outages never trigger it.
     */
    GATEWAY_SAGA_BACKLOG_TARGET_MS: z.coerce.number().int().min(0).default(2_000),
    /** How often the gateway reads the saga backlog from the order service; a reading 3 periods old is ignored. */
    GATEWAY_SAGA_BACKLOG_POLL_MS: z.coerce.number().int().min(100).default(1_000),
    /** Least Retry-After of that 503, in seconds; each answer adds jitter up to as much again. */
    GATEWAY_OVERLOAD_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().max(3_600).default(2),
    /** Requests one customer (or, unauthenticated, one IP) may make per RATE_LIMIT_WINDOW_MS; past it 429. */
    RATE_LIMIT_PER_CUSTOMER: z.coerce.number().int().positive().default(120),
    /** The sliding window of both rate limits, in milliseconds. */
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
    /** Checkouts one customer may start per RATE_LIMIT_WINDOW_MS (replays included); past it 429. */
    CHECKOUT_LIMIT_PER_CUSTOMER: z.coerce.number().int().positive().default(10),
    /** How long a checkout's Idempotency-Key and first answer are kept; after it the key is free again. */
    IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(24),
    /** How often an open event stream asks the service behind for changes (shared by streams of one resource). */
    SSE_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(1_000),
    /** How long an order stream waits for a just-placed order to appear before answering 404. */
    SSE_ORDER_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
    /** A comment line this often keeps idle streams open through proxies and load balancers. */
    SSE_HEARTBEAT_SECONDS: z.coerce.number().int().positive().default(15),
    /** A stream is closed after this long; clients reconnect with Last-Event-ID and miss nothing. */
    SSE_MAX_STREAM_SECONDS: z.coerce.number().int().positive().default(600),
    /** Event streams open at once in this process; past it 503 with Retry-After. */
    SSE_MAX_STREAMS: z.coerce.number().int().positive().default(5_000),
    /** The reconnect delay the gateway asks EventSource clients to use, in milliseconds. */
    SSE_RETRY_MS: z.coerce.number().int().positive().default(2_000),
    /** The public status page people read (the web app's /status); the status feed links to it. */
    STATUS_PAGE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Browser origins allowed to call the API (CORS), comma-separated, e.g. the
     * web app's https://shop.example.com; empty: no cross-origin calls.
     */
    GATEWAY_CORS_ORIGINS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  })
  .superRefine((config, issues) => {
    const require = (key: keyof typeof config, why: string) => {
      if (config[key] === undefined) issues.addIssue({ code: "custom", path: [key], message: why });
    };
    if (config.AUTH_MODE === "dev") require("AUTH_DEV_SECRET", "required when AUTH_MODE=dev");

    if (config.AUTH_MODE === "jwks") {
      require("AUTH_JWKS_URL", "required when AUTH_MODE=jwks");
      require("AUTH_ISSUER", "required when AUTH_MODE=jwks");
      require("AUTH_AUDIENCE", "required when AUTH_MODE=jwks");
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig(gatewayConfigSchema, env);
