import { parseArgs } from "node:util";
import {
  dataSourceOptions,
  KafkajsAdapter,
  runMigrations,
  type DatabaseSettings,
  type PlatformConfig,
  type TopicSpec,
} from "@peakshop/platform-nest";
import { DataSource } from "typeorm";
import type { Projection } from "../projections/projection";
import { ProjectionRunner } from "../projections/projection-runner";
import { listDeadLetters, replayDeadLetters } from "./dead-letters";

export interface ServiceCliContext {
  /** Kafka settings are needed only by the dead-letter commands. */
  config: PlatformConfig;
  database: DatabaseSettings;
  projections?: readonly Projection[];
  /** The service's consumer name, for its dead letters. */
  consumer?: string;
  /** The topics the service reads and writes, its dead letters included (`topics ensure` creates them). */
  topics?: readonly TopicSpec[];
  out?: (line: string) => void;
}

export const SERVICE_CLI_USAGE = `commands:
  migrate                                  apply pending database migrations
  projections list                         name the service's read models
  projections rebuild <name>               empty one and replay the event store into it
  dead-letters list                        list the service's dead letters (JSON lines)
  dead-letters replay [partition:offset...]  put them back on their topics (all if none given)
  topics list                              the service's topics and their partition counts
  topics ensure [--partitions N] [--replication-factor N]
                                           create those missing (existing ones are left as they are;
                                           replication: the broker's default unless given)`;

/** The operations commands every service offers; returns the exit code. */
export async function runServiceCli(argv: string[], context: ServiceCliContext): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { partitions: { type: "string" }, "replication-factor": { type: "string" } },
  });
  const [group, action, ...rest] = positionals;
  const out = context.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  if (group === "migrate") {
    const applied = await runMigrations(context.config, context.database);
    out(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    return 0;
  }
  if (group === "projections" && action === "list") {
    for (const projection of context.projections ?? []) out(projection.name);
    return 0;
  }
  if (group === "projections" && action === "rebuild" && rest[0]) {
    const projection = context.projections?.find((candidate) => candidate.name === rest[0]);
    if (!projection) throw new Error(`no projection named ${rest[0]}; try: projections list`);
    const dataSource = new DataSource(dataSourceOptions(context.config, context.database));
    await dataSource.initialize();
    try {
      const events = await new ProjectionRunner(dataSource, [projection]).rebuild(projection);
      out(`rebuilt ${projection.name} from ${events} event(s)`);
      return 0;
    } finally {
      await dataSource.destroy();
    }
  }
  const brokers = context.config.KAFKA_BROKERS;
  if (group === "topics" && brokers && context.topics && (action === "list" || action === "ensure")) {
    const kafka = new KafkajsAdapter({
      brokers,
      clientId: `${context.config.SERVICE_NAME}-cli`,
      service: context.config.SERVICE_NAME,
      logLevel: "warn",
    });
    try {
      if (action === "ensure") await kafka.ensureTopics(topicsToCreate(context.topics, values));
      for (const { topic, partitions } of await kafka.describeTopics(
        context.topics.map((spec) => spec.topic),
      )) {
        out(`${topic}\t${partitions === undefined ? "missing" : `${partitions} partition(s)`}`);
      }
      return 0;
    } finally {
      await kafka.close();
    }
  }
  if (group === "dead-letters" && brokers && context.consumer && (action === "list" || action === "replay")) {
    if (action === "list") {
      for (const letter of await listDeadLetters(brokers, context.consumer)) out(JSON.stringify(letter));
      return 0;
    }
    const kafka = new KafkajsAdapter({
      brokers,
      clientId: `${context.consumer}-cli`,
      service: context.config.SERVICE_NAME,
      logLevel: "warn",
    });
    try {
      const count = await replayDeadLetters(brokers, kafka, context.consumer, rest.length ? rest : undefined);
      out(`replayed ${count} dead letter(s)`);
      return 0;
    } finally {
      await kafka.close();
    }
  }
  out(SERVICE_CLI_USAGE);
  return 2;
}

/** The service's topics with the operator's partition and replication settings, which win over the defaults. */
export function topicsToCreate(
  topics: readonly TopicSpec[],
  options: { partitions?: string; "replication-factor"?: string },
): TopicSpec[] {
  const count = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1)
      throw new Error(`--${name} must be a positive integer, got ${value}`);
    return parsed;
  };
  const partitions = count("partitions", options.partitions);
  const replicationFactor = count("replication-factor", options["replication-factor"]);
  return topics.map((spec) => ({
    ...spec,
    ...(partitions ? { partitions } : {}),
    ...(replicationFactor ? { replicationFactor } : {}),
  }));
}

/**
 * A service's `cli.ts` entry point: runs the command in argv and exits with
 * its code; errors print their message and exit 1.
 */
export function serviceCliMain(context: () => ServiceCliContext): void {
  Promise.resolve()
    .then(() => runServiceCli(process.argv.slice(2), context()))
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
}
