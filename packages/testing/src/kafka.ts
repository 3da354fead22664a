import "./use-reaper-image";
import { KafkajsAdapter, probeKafkaRoundTrip, type TopicSpec } from "@peakshop/platform-nest";
import { GenericContainer, Wait, type StartedTestContainer } from "testcontainers";
import { resolveImages } from "./images";

export interface KafkaEndpoint {
  brokers: string[];
  createTopics(specs: TopicSpec[]): Promise<void>;
  stop(): Promise<void>;
}

const START_SCRIPT = "/tmp/peakshop-start.sh";
const WAITING = "waiting for the start script";

// The advertised listener must name the port the host sees, known only once the
// container runs; so the container waits for a start script that carries it.
// Works with the official apache/kafka image and with our local build alike.
const KRAFT_SINGLE_NODE = {
  KAFKA_NODE_ID: "1",
  KAFKA_PROCESS_ROLES: "broker,controller",
  KAFKA_LISTENERS: "PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094",
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT",
  KAFKA_INTER_BROKER_LISTENER_NAME: "BROKER",
  KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
  KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:9094",
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
  KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: "3",
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
  KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: "1",
  KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: "1",
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
  KAFKA_NUM_PARTITIONS: "3",
  KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
  KAFKA_HEAP_OPTS: "-Xmx512m -Xms256m",
};

/** Creates missing topics, single-replica unless the spec says otherwise. */
export async function createTopicsOn(brokers: string[], specs: TopicSpec[]): Promise<void> {
  const admin = new KafkajsAdapter({
    brokers,
    clientId: "peakshop-testing",
    service: "testing",
    logLevel: "warn",
  });
  try {
    await admin.ensureTopics(specs.map((spec) => ({ replicationFactor: 1, ...spec })));
  } finally {
    await admin.close();
  }
}

function endpoint(brokers: string[], stop: () => Promise<void>): KafkaEndpoint {
  return { brokers, stop, createTopics: (specs) => createTopicsOn(brokers, specs) };
}

export interface KafkaOptions {
  /**
   * Clients must authenticate with SASL PLAIN as one of these users (name ->
   * password), as on a managed cluster; the probe uses the process's
   * KAFKA_SASL_* settings. Never with KAFKA_BROKERS (that cluster is as it is).
   */
  saslPlainUsers?: Record<string, string>;
}

/** The client listener as SASL_PLAINTEXT with the PLAIN mechanism and the given users. */
function saslPlainListener(users: Record<string, string>): Record<string, string> {
  const accounts = Object.entries(users)
    .map(([name, password]) => `user_${name}="${password}"`)
    .join(" ");
  return {
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "PLAINTEXT:SASL_PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT",
    KAFKA_SASL_ENABLED_MECHANISMS: "PLAIN",
    KAFKA_LISTENER_NAME_PLAINTEXT_SASL_ENABLED_MECHANISMS: "PLAIN",
    KAFKA_LISTENER_NAME_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG: `org.apache.kafka.common.security.plain.PlainLoginModule required ${accounts};`,
  };
}

/**
 * A Kafka broker for tests: the cluster at KAFKA_BROKERS if set, otherwise a
 * single-node KRaft container from the configured image. Ready means a produce
 * succeeded and a new consumer group joined and read it back.
 */
export async function startKafka(
  env: NodeJS.ProcessEnv = process.env,
  options: KafkaOptions = {},
): Promise<KafkaEndpoint> {
  if (env.KAFKA_BROKERS && !options.saslPlainUsers) {
    const brokers = env.KAFKA_BROKERS.split(",").map((broker) => broker.trim());
    await probeKafkaRoundTrip(brokers);
    return endpoint(brokers, async () => undefined);
  }
  const container: StartedTestContainer = await new GenericContainer(resolveImages(env).kafka)
    .withEnvironment({
      ...KRAFT_SINGLE_NODE,
      ...(options.saslPlainUsers ? saslPlainListener(options.saslPlainUsers) : {}),
    })
    .withExposedPorts(9092)
    .withCommand([
      "sh",
      "-c",
      `echo '${WAITING}'; while [ ! -f ${START_SCRIPT} ]; do sleep 0.1; done; exec sh ${START_SCRIPT}`,
    ])
    .withWaitStrategy(Wait.forLogMessage(WAITING))
    .withStartupTimeout(120_000)
    .start();
  const advertised = `${container.getHost()}:${container.getMappedPort(9092)}`;
  await container.copyContentToContainer([
    {
      content: `export KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://${advertised},BROKER://$(hostname):9093"\nexec /etc/kafka/docker/run\n`,
      target: START_SCRIPT,
      mode: 0o755,
    },
  ]);
  const brokers = [advertised];
  await probeKafkaRoundTrip(brokers, 120_000);
  return endpoint(brokers, async () => {
    await container.stop();
  });
}
