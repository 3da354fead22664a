import type { SASLOptions } from "kafkajs";
import { z } from "zod";

/** How this process's Kafka clients authenticate and encrypt; read by every client, validated at start. */
export const kafkaConnectionSettings = {
  /** TLS to the brokers, verified with the system's CAs and NODE_EXTRA_CA_CERTS (a private CA's PEM file). */
  KAFKA_SSL: z.stringbool().default(false),
  /** SASL mechanism of a managed cluster (MSK, Confluent Cloud, Strimzi SCRAM); unset: no SASL. */
  KAFKA_SASL_MECHANISM: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

const connectionSchema = z
  .object(kafkaConnectionSettings)
  .refine(
    (settings) =>
      !settings.KAFKA_SASL_MECHANISM || (settings.KAFKA_SASL_USERNAME && settings.KAFKA_SASL_PASSWORD),
    {
      message: "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set",
    },
  );

/** The kafkajs client options for TLS and SASL. */
export interface KafkaConnection {
  ssl?: true;
  sasl?: SASLOptions;
}

/**
 * TLS and SASL for a kafkajs client, from the environment: every client of a
 * process talks to the same cluster, and the environment is where its
 * credentials arrive (from a Secret). Throws with the reason when they are
 * incomplete.
 */
export function kafkaConnection(env: NodeJS.ProcessEnv = process.env): KafkaConnection {
  const parsed = connectionSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Kafka connection settings: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`,
    );
  }
  const settings = parsed.data;
  return {
    ...(settings.KAFKA_SSL ? { ssl: true as const } : {}),
    ...(settings.KAFKA_SASL_MECHANISM
      ? {
          sasl: {
            mechanism: settings.KAFKA_SASL_MECHANISM,
            username: settings.KAFKA_SASL_USERNAME!,
            password: settings.KAFKA_SASL_PASSWORD!,
          } as SASLOptions,
        }
      : {}),
  };
}
