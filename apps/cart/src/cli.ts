// Operations commands for the cart service, e.g. `node dist/cli.js migrate` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { runServiceCli } from "@peakshop/eventsourcing";
import { CART_CONSUMER, CART_ENTITIES, CART_MIGRATIONS } from "./app.module";
import { loadCartConfig } from "./config";

runServiceCli(process.argv.slice(2), {
  config: loadCartConfig(),
  database: { entities: CART_ENTITIES, migrations: CART_MIGRATIONS },
  consumer: CART_CONSUMER,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
