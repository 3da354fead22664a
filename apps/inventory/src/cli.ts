// Operations commands for the inventory service, e.g. `node dist/cli.js migrate`
// or `node dist/cli.js dead-letters list` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { runServiceCli } from "@peakshop/eventsourcing";
import { INVENTORY_CONSUMER, INVENTORY_ENTITIES, INVENTORY_MIGRATIONS } from "./app.module";
import { loadInventoryConfig } from "./config";

runServiceCli(process.argv.slice(2), {
  config: loadInventoryConfig(),
  database: { entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS },
  consumer: INVENTORY_CONSUMER,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
