import { z } from "zod";
import { kafkaConnectionSettings } from "../kafka/kafka-connection";

const commaSeparated = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL, e.g. postgres://user:pass@host:5432/db");

/** Settings every peakshop service reads; services extend it with their own. */
export const serviceConfigSchema = z.object({
  SERVICE_NAME: z.string().min(1),
  HTTP_HOST: z.string().default("0.0.0.0"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: postgresUrl,
  /** Prepare parameterized statements once per connection; false behind a pooler that cannot keep them. */
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(true),
  /** Send a statement while the one before is still answered (pg's pipeline mode); false for a pooler or proxy that cannot take it. */
  DATABASE_PIPELINE: z.stringbool().default(true),
  /** PostgreSQL cancels a statement running longer than this (statement_timeout); 0: the server's own setting (none by default). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** PostgreSQL gives up waiting for a row or table lock after this long (lock_timeout); 0: the server's own setting. */
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** PostgreSQL closes a session left idle inside a transaction this long (idle_in_transaction_session_timeout); 0: the server's own setting. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** The most connections the service holds to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1_000).default(10),
  /**
   * A pooled connection left unused this long is closed; 0 keeps them open. A
   * new connection costs a backend process, authentication and preparing
   * every statement again, so the default (HikariCP's) keeps connections for
   * as long as traffic comes and goes within minutes.
   */
  DATABASE_POOL_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(600_000),
  KAFKA_BROKERS: commaSeparated.describe("comma-separated host:port list"),
  KAFKA_CLIENT_ID: z.string().optional(),
  ...kafkaConnectionSettings,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  /** How long shutdown may take to finish in-flight work, in milliseconds. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
  /**
   * How long a consumed message's inbox record is kept, in hours: at least the
   * retention of the topics it came from (Kafka's default is 168), since only
   * a message still in its topic can be delivered again.
   */
  INBOX_RETENTION_HOURS: z.coerce.number().positive().default(168),
  /**
   * The most messages of one partition handled in one database transaction.
   * Under load a fetch returns many; sharing the transaction shares its commit.
   */
  KAFKA_CONSUMER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  /**
   * The least time between two outbox relay rounds woken by commits, in
   * milliseconds (Kafka's linger.ms for the outbox). Under load a round then
   * publishes the rows of several commits in one transaction and one produce
   * request; at low rates no round waits, since none ran just before.
   */
  OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(10),
  /** Create the service's topics at start (local runs and tests); production creates them with a hook Job. */
  KAFKA_ENSURE_TOPICS: z.stringbool().default(true),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** The same settings less Kafka's, for services that speak HTTP only. */
export const httpServiceConfigSchema = serviceConfigSchema.omit({
  KAFKA_BROKERS: true,
  KAFKA_CLIENT_ID: true,
  KAFKA_SSL: true,
  KAFKA_SASL_MECHANISM: true,
  KAFKA_SASL_USERNAME: true,
  KAFKA_SASL_PASSWORD: true,
  INBOX_RETENTION_HOURS: true,
  KAFKA_ENSURE_TOPICS: true,
  KAFKA_CONSUMER_BATCH_SIZE: true,
  OUTBOX_LINGER_MS: true,
});

/** What the platform needs: Kafka settings only where the service uses Kafka. */
export type PlatformConfig = z.infer<typeof httpServiceConfigSchema> &
  Partial<Pick<ServiceConfig, "KAFKA_BROKERS" | "KAFKA_CLIENT_ID" | "KAFKA_CONSUMER_BATCH_SIZE">>;

export const SERVICE_CONFIG = Symbol("SERVICE_CONFIG");
