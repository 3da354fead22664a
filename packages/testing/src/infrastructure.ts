import { startKafka, type KafkaEndpoint } from "./kafka";
import { startPostgres, type PostgresEndpoint } from "./postgres";

/** Connection settings a test run shares; plain data, so it can cross into test workers. */
export interface InfrastructureSettings {
  kafkaBrokers: string[];
  postgresAdminUrl: string;
}

export interface Infrastructure {
  kafka: KafkaEndpoint;
  postgres: PostgresEndpoint;
  settings: InfrastructureSettings;
  stop(): Promise<void>;
}

/** Starts PostgreSQL and Kafka side by side and returns once both are ready. */
export async function startInfrastructure(
  env: NodeJS.ProcessEnv = process.env,
  options: { durable?: boolean } = {},
): Promise<Infrastructure> {
  const [postgres, kafka] = await Promise.all([startPostgres(env, options), startKafka(env)]);
  return {
    kafka,
    postgres,
    settings: { kafkaBrokers: kafka.brokers, postgresAdminUrl: postgres.adminUrl },
    async stop() {
      await Promise.allSettled([kafka.stop(), postgres.stop()]);
    },
  };
}
