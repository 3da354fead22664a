import { randomBytes } from "node:crypto";
import {
  GenericContainer,
  Network,
  Wait,
  type StartedNetwork,
  type StartedTestContainer,
} from "testcontainers";
import { imagesOf, SERVICES, type ImageOptions, type PeakshopImages, type PeakshopService } from "./images";
import { putBankFaults, type BankFaults } from "./bank-faults";
import { CREATE_DATABASES, serviceSettings } from "./service-settings";

export interface PeakshopEnvironmentOptions extends ImageOptions {
  /** Order's payment deadline (PAYMENT_DEADLINE_MS). Default 3 minutes. */
  paymentDeadlineMs?: number;
  /** How long each container may take to become ready. Default 2 minutes. */
  startupTimeoutMs?: number;
  /**
   * Run on this network (left in place at stop) instead of one of the
   * environment's own, so containers of the test's reach the services by
   * name (gateway, order ...) and the services reach them: a mail catcher, a
   * webhook receiver, an OpenTelemetry collector.
   */
  network?: StartedNetwork;
  /**
   * Extra environment for every service, over the environment's own settings:
   * e.g. OTEL_TRACES_EXPORTER=otlp and OTEL_EXPORTER_OTLP_ENDPOINT to trace
   * them, or LOG_LEVEL=info.
   */
  serviceEnvironment?: Record<string, string>;
}

/**
 * peakshop for another team's integration tests: PostgreSQL, Kafka, an SMTP
 * sink and every service image on a network of their own, the gateway in dev
 * auth mode and the bank simulator in front of no real bank.
 *
 *   const peakshop = await new PeakshopEnvironment().start();
 *   const token = await peakshop.token("customer-1");
 *   // ... call peakshop.gatewayUrl, then
 *   await peakshop.stop();
 */
export class PeakshopEnvironment {
  constructor(private readonly options: PeakshopEnvironmentOptions = {}) {}

  async start(): Promise<StartedPeakshopEnvironment> {
    const images = imagesOf(this.options);
    const timeoutMs = this.options.startupTimeoutMs ?? 120_000;
    const password = randomBytes(12).toString("hex");
    const input = {
      databasePassword: password,
      authDevSecret: randomBytes(32).toString("hex"),
      paymentDeadlineMs: this.options.paymentDeadlineMs ?? 180_000,
    };
    const network = this.options.network ?? (await new Network().start());
    const ownNetwork = !this.options.network;
    const started: StartedTestContainer[] = [];
    const run = async (name: string, container: GenericContainer) => {
      // The last lines a container logged, so a start that fails says why.
      const tail: string[] = [];
      container.withLogConsumer((stream) =>
        stream.on("data", (line: Buffer | string) => {
          tail.push(String(line));
          if (tail.length > 30) tail.shift();
        }),
      );
      try {
        const running = await container.withNetwork(network).withStartupTimeout(timeoutMs).start();
        started.push(running);
        return running;
      } catch (error) {
        throw new Error(`${name} did not start: ${(error as Error).message}\n${tail.join("")}`, {
          cause: error,
        });
      }
    };
    const service = (name: PeakshopService) =>
      run(
        name,
        new GenericContainer(images[name])
          .withNetworkAliases(name)
          .withEnvironment({ ...serviceSettings(name, input), ...this.options.serviceEnvironment })
          .withExposedPorts(SERVICES[name])
          .withWaitStrategy(Wait.forHttp("/health/ready", SERVICES[name]).forStatusCode(200)),
      );
    try {
      await Promise.all([
        run("postgres", postgres(images, password)),
        run("kafka", kafka(images)),
        run("smtp", smtp(images)),
      ]);
      // One at a time, in the order they need each other: services create the
      // topics they share at start, and two creating one topic at once can
      // leave the second unready (compose's restart policy hides that; here
      // nothing restarts).
      const bank = await service("bank-simulator");
      for (const name of ["inventory", "order", "payment", "cart", "notification"] as const)
        await service(name);
      const gateway = await service("gateway");
      return new StartedPeakshopEnvironment(
        ownNetwork ? network : undefined,
        started,
        urlOf(gateway, "gateway"),
        urlOf(bank!, "bank-simulator"),
      );
    } catch (error) {
      await stopAll(ownNetwork ? network : undefined, started);
      throw error;
    }
  }
}

/** A running environment: where the gateway is, tokens for customers, the bank's faults. */
export class StartedPeakshopEnvironment {
  constructor(
    private readonly network: StartedNetwork | undefined,
    private readonly containers: StartedTestContainer[],
    /** The public API, e.g. http://localhost:49321. */
    readonly gatewayUrl: string,
    private readonly bankUrl: string,
  ) {}

  /** A bearer token for this customer (roles: `["admin"]` for the admin routes), signed by the gateway's dev sign-in. */
  async token(customerId: string, roles: string[] = []): Promise<string> {
    const response = await fetch(`${this.gatewayUrl}/v1/auth/dev-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ customerId, ...(roles.length ? { roles } : {}) }),
    });
    if (!response.ok)
      throw new Error(`the gateway signed no token: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** Sets the bank simulator's faults (an outage, errors, latency ...); what is left out is off. */
  setBankFaults(faults: Partial<BankFaults>): Promise<void> {
    return putBankFaults(this.bankUrl, faults);
  }

  /** Stops every container and removes the network (unless it was handed in). */
  stop(): Promise<void> {
    return stopAll(this.network, this.containers);
  }
}

function postgres(images: PeakshopImages, password: string): GenericContainer {
  return (
    new GenericContainer(images.postgres)
      .withNetworkAliases("postgres")
      .withEnvironment({ POSTGRES_USER: "peakshop", POSTGRES_PASSWORD: password, POSTGRES_DB: "peakshop" })
      .withCopyContentToContainer([
        { content: CREATE_DATABASES, target: "/docker-entrypoint-initdb.d/01-service-databases.sql" },
      ])
      .withExposedPorts(5432)
      // The init scripts run on a server that listens on no TCP port: the port opens once they are done.
      .withWaitStrategy(
        Wait.forAll([
          Wait.forListeningPorts(),
          Wait.forLogMessage(/database system is ready to accept connections/),
        ]),
      )
  );
}

/** One KRaft node, reached by the services as kafka:29092. */
function kafka(images: PeakshopImages): GenericContainer {
  return new GenericContainer(images.kafka)
    .withNetworkAliases("kafka")
    .withEnvironment({
      KAFKA_NODE_ID: "1",
      KAFKA_PROCESS_ROLES: "broker,controller",
      KAFKA_LISTENERS: "BROKER://0.0.0.0:29092,CONTROLLER://0.0.0.0:9093",
      KAFKA_ADVERTISED_LISTENERS: "BROKER://kafka:29092",
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT",
      KAFKA_INTER_BROKER_LISTENER_NAME: "BROKER",
      KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
      KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:9093",
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: "1",
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: "1",
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
      KAFKA_NUM_PARTITIONS: "3",
      KAFKA_HEAP_OPTS: "-Xmx512m -Xms256m",
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/));
}

function smtp(images: PeakshopImages): GenericContainer {
  return new GenericContainer(images.smtp)
    .withNetworkAliases("smtp")
    .withExposedPorts(1025)
    .withWaitStrategy(Wait.forListeningPorts());
}

const urlOf = (container: StartedTestContainer, service: PeakshopService) =>
  `http://${container.getHost()}:${container.getMappedPort(SERVICES[service])}`;

async function stopAll(
  network: StartedNetwork | undefined,
  containers: StartedTestContainer[],
): Promise<void> {
  await Promise.allSettled([...containers].reverse().map((container) => container.stop()));
  await network?.stop();
}
