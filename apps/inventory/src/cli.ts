// Operations commands for the inventory service, e.g. `node dist/cli.js migrate`
// or `node dist/cli.js dead-letters list` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { topicSpecsOf } from "@peakshop/platform-nest";
import { INVENTORY_CONSUMER, INVENTORY_ENTITIES, INVENTORY_MIGRATIONS } from "./app.module";
import { INVENTORY_TOPICS } from "./adapters/messaging/inventory-topics";
import { loadInventoryConfig } from "./config";

serviceCliMain(() => ({
  config: loadInventoryConfig(),
  database: { entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS },
  consumer: INVENTORY_CONSUMER,
  topics: topicSpecsOf(INVENTORY_TOPICS),
}));
