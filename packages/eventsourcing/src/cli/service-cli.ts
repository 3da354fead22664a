import { parseArgs } from "node:util";
import {
  dataSourceOptions,
  KafkajsAdapter,
  runMigrations,
  type DatabaseSettings,
  type PlatformConfig,
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
  out?: (line: string) => void;
}

export const SERVICE_CLI_USAGE = `commands:
  migrate                                  apply pending database migrations
  projections list                         name the service's read models
  projections rebuild <name>               empty one and replay the event store into it
  dead-letters list                        list the service's dead letters (JSON lines)
  dead-letters replay [partition:offset...]  put them back on their topics (all if none given)`;

/** The operations commands every service offers; returns the exit code. */
export async function runServiceCli(argv: string[], context: ServiceCliContext): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
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
