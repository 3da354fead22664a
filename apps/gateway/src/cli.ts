// Operations commands for the gateway: `node dist/cli.js migrate`. It has no
// projections or consumers, so the services' shared CLI (which needs Kafka)
// does not apply.
import "reflect-metadata";
import { runMigrations } from "@peakshop/platform-nest";
import { GATEWAY_ENTITIES, GATEWAY_MIGRATIONS } from "./app.module";
import { loadGatewayConfig } from "./config";

const USAGE = "commands:\n  migrate   apply pending database migrations";

async function run(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0] !== "migrate") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const applied = await runMigrations(loadGatewayConfig(), {
    entities: GATEWAY_ENTITIES,
    migrations: GATEWAY_MIGRATIONS,
  });
  process.stdout.write(applied.length ? `applied ${applied.join(", ")}\n` : "database is up to date\n");
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
