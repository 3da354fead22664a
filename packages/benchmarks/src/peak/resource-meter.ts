import { KafkajsAdapter } from "@peakshop/platform-nest";
import { Client } from "pg";
import { ContainerUsageReader } from "./container-usage";
import { processCpuSeconds, type ServiceEndpoint } from "./system-sampler";

/** Cumulative counters of the whole system at one moment; a phase's cost is the difference of two. */
export interface ResourceReading {
  /** CPU seconds per container (compose runs) or per service process (in-process runs). */
  cpuSeconds: Record<string, number>;
  /** Memory per container, less reclaimable page cache. */
  memoryBytes: Record<string, number>;
  postgresCommits?: number;
  kafkaMessages?: number;
}

export interface ResourceMeterOptions {
  services: readonly ServiceEndpoint[];
  composeProject?: string;
  postgresUrl?: string;
  /** LIKE pattern of the databases whose commits count (the services' own). */
  postgresDatabases?: string;
  kafkaBrokers?: string[];
}

/**
 * Reads CPU time (containers' cgroups, else each service's process metrics),
 * PostgreSQL commits (pg_stat_database of the services' databases) and Kafka
 * messages written (the sum of the topics' high watermarks).
 */
export class ResourceMeter {
  private constructor(
    private readonly options: ResourceMeterOptions,
    private readonly containers?: ContainerUsageReader,
    private readonly kafka?: KafkajsAdapter,
  ) {}

  static async open(options: ResourceMeterOptions): Promise<ResourceMeter> {
    const containers = options.composeProject
      ? await ContainerUsageReader.forComposeProject(options.composeProject)
      : undefined;
    const kafka = options.kafkaBrokers
      ? new KafkajsAdapter({
          brokers: options.kafkaBrokers,
          clientId: "bench-peak-meter",
          service: "bench",
          logLevel: "error",
        })
      : undefined;
    return new ResourceMeter(options, containers, kafka);
  }

  get perContainer(): boolean {
    return this.containers !== undefined;
  }

  async read(): Promise<ResourceReading> {
    const [usage, postgresCommits, kafkaMessages] = await Promise.all([
      this.containers?.read(),
      this.postgresCommits(),
      this.kafka?.messagesWritten(),
    ]);
    return {
      cpuSeconds: usage
        ? Object.fromEntries(usage.map((u) => [u.name, u.cpuSeconds]))
        : await processCpuSeconds(this.options.services),
      memoryBytes: Object.fromEntries((usage ?? []).map((u) => [u.name, u.memoryBytes])),
      postgresCommits,
      kafkaMessages,
    };
  }

  async close(): Promise<void> {
    await this.kafka?.close();
  }

  private async postgresCommits(): Promise<number | undefined> {
    if (!this.options.postgresUrl) return undefined;
    const client = new Client({ connectionString: this.options.postgresUrl });
    try {
      await client.connect();
      const { rows } = await client.query<{ commits: string }>(
        `SELECT sum(xact_commit)::text AS commits FROM pg_stat_database WHERE datname LIKE $1`,
        [this.options.postgresDatabases ?? "peakshop%"],
      );
      return Number(rows[0]?.commits ?? 0);
    } finally {
      await client.end();
    }
  }
}

/** What a phase cost: per-key differences of two readings. */
export function difference(before: ResourceReading, after: ResourceReading): ResourceReading {
  const cpuSeconds: Record<string, number> = {};
  for (const [name, seconds] of Object.entries(after.cpuSeconds))
    cpuSeconds[name] = seconds - (before.cpuSeconds[name] ?? 0);
  const minus = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a - b);
  return {
    cpuSeconds,
    memoryBytes: after.memoryBytes,
    postgresCommits: minus(after.postgresCommits, before.postgresCommits),
    kafkaMessages: minus(after.kafkaMessages, before.kafkaMessages),
  };
}
